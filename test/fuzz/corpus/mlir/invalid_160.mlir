func.func @conv_transpose2d_output_padding_size(%x: tensor<1x8x16x16xf32>, %w: tensor<8x4x2x2xf32>) {
  // expected-error @+1 {{'kiln.conv_transpose2d' op output_padding must have 2 entries, got 1: [1]}}
  %0 = kiln.conv_transpose2d %x, %w {output_padding = array<i64: 1>} : tensor<1x8x16x16xf32>, tensor<8x4x2x2xf32>
  return
}
