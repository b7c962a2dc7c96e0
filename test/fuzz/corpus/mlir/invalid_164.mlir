func.func @conv_transpose2d_w_channels(%x: tensor<1x8x16x16xf32>, %w: tensor<4x4x2x2xf32>) {
  // expected-error @+1 {{'kiln.conv_transpose2d' op w has C (dimension 0) = 4, expected 8}}
  %0 = kiln.conv_transpose2d %x, %w : tensor<1x8x16x16xf32>, tensor<4x4x2x2xf32>
  return
}
