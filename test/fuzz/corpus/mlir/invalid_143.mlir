func.func @conv2d_stride_zero(%x: tensor<1x8x16x16xf32>, %w: tensor<8x8x3x3xf32>) {
  // expected-error @+1 {{'kiln.conv2d' op stride and dilation must be >= 1 and padding >= 0, got stride = [0, 1], dilation = [1, 1], padding = [0, 0, 0, 0]}}
  %0 = kiln.conv2d %x, %w {stride = array<i64: 0, 1>} : tensor<1x8x16x16xf32>, tensor<8x8x3x3xf32>
  return
}
