func.func @qmatmul_bits(%x: tensor<16x512xf32>, %q: tensor<256x512xi8>, %s: tensor<256x8xf32>) {
  // expected-error @+1 {{'kiln.qmatmul' op bits must be 4 or 8, got 16}}
  %0 = kiln.qmatmul %x, %q, %s {bits = 16 : i64, block_size = 64 : i64} : tensor<16x512xf32>, tensor<256x512xi8>, tensor<256x8xf32>
  return
}
