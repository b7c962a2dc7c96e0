func.func @qmatmul_scales_not_f32(%x: tensor<16x512xf32>, %q: tensor<256x512xi8>, %s: tensor<256x8xbf16>) {
  // expected-error @+1 {{'kiln.qmatmul' op operand #2 must be statically shaped tensor (at most 2^48 elements) of 32-bit float values, but got 'tensor<256x8xbf16>'}}
  %0 = kiln.qmatmul %x, %q, %s {bits = 8 : i64, block_size = 64 : i64} : tensor<16x512xf32>, tensor<256x512xi8>, tensor<256x8xbf16>
  return
}
