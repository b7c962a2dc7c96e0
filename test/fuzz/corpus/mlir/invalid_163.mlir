func.func @conv_transpose2d_negative_output_padding(%x: tensor<1x8x16x16xf32>, %w: tensor<8x4x2x2xf32>) {
  // expected-error @+1 {{'kiln.conv_transpose2d' op stride and dilation must be >= 1, padding and output_padding >= 0, got stride = [1, 1], dilation = [1, 1], padding = [0, 0], output_padding = [0, -1]}}
  %0 = kiln.conv_transpose2d %x, %w {output_padding = array<i64: 0, -1>} : tensor<1x8x16x16xf32>, tensor<8x4x2x2xf32>
  return
}
