func.func @conv2d_x_rank(%x: tensor<8x16x16xf32>, %w: tensor<8x8x3x3xf32>) {
  // expected-error @+1 {{'kiln.conv2d' op x must have rank 4, got rank 3 [8, 16, 16]}}
  %0 = kiln.conv2d %x, %w : tensor<8x16x16xf32>, tensor<8x8x3x3xf32>
  return
}
