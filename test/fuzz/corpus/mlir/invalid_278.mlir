func.func @qmatmul_block_size(%x: tensor<16x512xf32>, %q: tensor<256x512xi8>, %s: tensor<256x8xf32>) {
  // expected-error @+1 {{'kiln.qmatmul' op block_size = 96 must be >= 1 and divide K = 512}}
  %0 = kiln.qmatmul %x, %q, %s {bits = 8 : i64, block_size = 96 : i64} : tensor<16x512xf32>, tensor<256x512xi8>, tensor<256x8xf32>
  return
}
