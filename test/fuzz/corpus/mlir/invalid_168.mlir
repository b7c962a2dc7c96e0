func.func @conv1d_rank(%x: tensor<1x16x8x8xf32>, %w: tensor<16x1x4xf32>) {
  // expected-error @+1 {{'kiln.conv1d' op x must have rank 3, got rank 4 [1, 16, 8, 8]}}
  %0 = kiln.conv1d %x, %w : tensor<1x16x8x8xf32>, tensor<16x1x4xf32>
  return
}
