func.func @conv2d_w_in_channels(%x: tensor<1x8x16x16xf32>, %w: tensor<8x4x3x3xf32>) {
  // expected-error @+1 {{'kiln.conv2d' op w has C/groups (dimension 1) = 4, expected 8}}
  %0 = kiln.conv2d %x, %w : tensor<1x8x16x16xf32>, tensor<8x4x3x3xf32>
  return
}
