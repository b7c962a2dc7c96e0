func.func @qmatmul_q_rank(%x: tensor<16x512xf32>, %q: tensor<1x256x512xi8>, %s: tensor<256x8xf32>) {
  // expected-error @+1 {{'kiln.qmatmul' op q must have rank 2, got rank 3 [1, 256, 512]}}
  %0 = kiln.qmatmul %x, %q, %s {bits = 8 : i64, block_size = 64 : i64} : tensor<16x512xf32>, tensor<1x256x512xi8>, tensor<256x8xf32>
  return
}
