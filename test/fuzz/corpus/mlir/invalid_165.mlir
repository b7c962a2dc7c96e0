func.func @conv_transpose2d_output_padding_too_large(%x: tensor<1x8x16x16xf32>, %w: tensor<8x4x2x2xf32>) {
  // expected-error @+1 {{'kiln.conv_transpose2d' op output_padding must be smaller than stride or dilation, got output_padding = [2, 0], stride = [2, 2], dilation = [1, 1]}}
  %0 = kiln.conv_transpose2d %x, %w {stride = array<i64: 2, 2>, output_padding = array<i64: 2, 0>} : tensor<1x8x16x16xf32>, tensor<8x4x2x2xf32>
  return
}
