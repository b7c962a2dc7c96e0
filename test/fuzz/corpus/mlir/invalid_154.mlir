func.func @conv2d_channels_last_groups(%x: tensor<1x16x12x8xbf16>, %w: tensor<15x3x3x8xbf16>) {
  // expected-error @+1 {{'kiln.conv2d_channels_last' op groups must be >= 1 and divide the input channels: groups = 3, C = 8}}
  %0 = kiln.conv2d_channels_last %x, %w {groups = 3 : i64} : tensor<1x16x12x8xbf16>, tensor<15x3x3x8xbf16>
  return
}
