func.func @conv2d_channels_last_in_channels(%x: tensor<1x16x12x8xbf16>, %w: tensor<16x3x3x4xbf16>) {
  // expected-error @+1 {{'kiln.conv2d_channels_last' op w has C/groups (dimension 3) = 4, expected 8}}
  %0 = kiln.conv2d_channels_last %x, %w : tensor<1x16x12x8xbf16>, tensor<16x3x3x4xbf16>
  return
}
