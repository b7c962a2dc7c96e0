func.func @qmatmul_x_rank(%x: tensor<512xf32>, %q: tensor<256x512xi8>, %s: tensor<256x8xf32>) {
  // expected-error @+1 {{'kiln.qmatmul' op x must have rank >= 2, got rank 1}}
  %0 = kiln.qmatmul %x, %q, %s {bits = 8 : i64, block_size = 64 : i64} : tensor<512xf32>, tensor<256x512xi8>, tensor<256x8xf32>
  return
}
