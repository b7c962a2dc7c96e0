func.func @conv_transpose2d_stride_size(%x: tensor<1x8x16x16xf32>, %w: tensor<8x4x2x2xf32>) {
  // expected-error @+1 {{'kiln.conv_transpose2d' op stride must have 2 entries, got 3: [2, 2, 2]}}
  %0 = kiln.conv_transpose2d %x, %w {stride = array<i64: 2, 2, 2>} : tensor<1x8x16x16xf32>, tensor<8x4x2x2xf32>
  return
}
