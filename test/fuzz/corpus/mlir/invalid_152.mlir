func.func @conv2d_channels_last_rank(%x: tensor<16x12x8xbf16>, %w: tensor<16x3x3x8xbf16>) {
  // expected-error @+1 {{'kiln.conv2d_channels_last' op x must have rank 4, got rank 3 [16, 12, 8]}}
  %0 = kiln.conv2d_channels_last %x, %w : tensor<16x12x8xbf16>, tensor<16x3x3x8xbf16>
  return
}
