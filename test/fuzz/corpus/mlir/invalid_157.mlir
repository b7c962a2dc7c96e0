func.func @conv_transpose2d_rank(%x: tensor<1x8x16x16xf32>, %w: tensor<8x4x2xf32>) {
  // expected-error @+1 {{'kiln.conv_transpose2d' op w must have rank 4, got rank 3 [8, 4, 2]}}
  %0 = kiln.conv_transpose2d %x, %w : tensor<1x8x16x16xf32>, tensor<8x4x2xf32>
  return
}
