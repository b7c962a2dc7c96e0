func.func @qmatmul_scales_shape(%x: tensor<16x512xf32>, %q: tensor<256x512xi8>, %s: tensor<8x256xf32>) {
  // expected-error @+1 {{'kiln.qmatmul' op scales must be [256, 8] (one per block of K), got [8, 256]}}
  %0 = kiln.qmatmul %x, %q, %s {bits = 8 : i64, block_size = 64 : i64} : tensor<16x512xf32>, tensor<256x512xi8>, tensor<8x256xf32>
  return
}
