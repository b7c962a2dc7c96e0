func.func @conv1d_dilation_zero(%x: tensor<1x16x64xf32>, %w: tensor<16x16x4xf32>) {
  // expected-error @+1 {{'kiln.conv1d' op stride and dilation must be >= 1 and padding >= 0, got stride = 1, dilation = 0, padding = [0, 0]}}
  %0 = kiln.conv1d %x, %w {dilation = 0 : i64} : tensor<1x16x64xf32>, tensor<16x16x4xf32>
  return
}
