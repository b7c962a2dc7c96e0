func.func @conv_transpose2d_padding_size(%x: tensor<1x8x16x16xf32>, %w: tensor<8x4x2x2xf32>) {
  // expected-error @+1 {{'kiln.conv_transpose2d' op padding must have 2 entries, got 4: [0, 0, 0, 0]}}
  %0 = kiln.conv_transpose2d %x, %w {padding = array<i64: 0, 0, 0, 0>} : tensor<1x8x16x16xf32>, tensor<8x4x2x2xf32>
  return
}
