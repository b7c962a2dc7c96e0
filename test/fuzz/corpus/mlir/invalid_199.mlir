func.func @rope_x_rank(%x: tensor<8x16x64xf32>, %p: tensor<16xi64>) {
  // expected-error @+1 {{'kiln.rope' op x must have rank 4, got rank 3 [8, 16, 64]}}
  %0 = kiln.rope %x, %p : tensor<8x16x64xf32>, tensor<16xi64>
  return
}
