func.func @conv2d_dilation_size(%x: tensor<1x8x16x16xf32>, %w: tensor<8x8x3x3xf32>) {
  // expected-error @+1 {{'kiln.conv2d' op dilation must have 2 entries, got 3: [1, 1, 1]}}
  %0 = kiln.conv2d %x, %w {dilation = array<i64: 1, 1, 1>} : tensor<1x8x16x16xf32>, tensor<8x8x3x3xf32>
  return
}
