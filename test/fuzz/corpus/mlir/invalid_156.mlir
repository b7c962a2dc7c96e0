func.func @conv2d_channels_last_kernel_too_large(%x: tensor<1x2x12x8xbf16>, %w: tensor<16x3x3x8xbf16>) {
  // expected-error @+1 {{'kiln.conv2d_channels_last' op the dilated kernel (3) is larger than the padded input along H (2)}}
  %0 = kiln.conv2d_channels_last %x, %w : tensor<1x2x12x8xbf16>, tensor<16x3x3x8xbf16>
  return
}
