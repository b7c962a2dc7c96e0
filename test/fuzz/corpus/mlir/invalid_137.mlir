func.func @conv2d_w_rank(%x: tensor<1x8x16x16xf32>, %w: tensor<8x8x3xf32>) {
  // expected-error @+1 {{'kiln.conv2d' op w must have rank 4, got rank 3 [8, 8, 3]}}
  %0 = kiln.conv2d %x, %w : tensor<1x8x16x16xf32>, tensor<8x8x3xf32>
  return
}
