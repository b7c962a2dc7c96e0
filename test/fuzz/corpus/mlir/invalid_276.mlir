func.func @qmatmul_scales_rank(%x: tensor<16x512xf32>, %q: tensor<256x512xi8>, %s: tensor<2048xf32>) {
  // expected-error @+1 {{'kiln.qmatmul' op scales must have rank 2, got rank 1 [2048]}}
  %0 = kiln.qmatmul %x, %q, %s {bits = 8 : i64, block_size = 64 : i64} : tensor<16x512xf32>, tensor<256x512xi8>, tensor<2048xf32>
  return
}
