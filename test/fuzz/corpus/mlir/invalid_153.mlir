func.func @conv2d_channels_last_types(%x: tensor<1x16x12x8xbf16>, %w: tensor<16x3x3x8xf16>) {
  // expected-error @+1 {{'kiln.conv2d_channels_last' op x and w must share an element type, got bf16 and f16}}
  %0 = kiln.conv2d_channels_last %x, %w : tensor<1x16x12x8xbf16>, tensor<16x3x3x8xf16>
  return
}
