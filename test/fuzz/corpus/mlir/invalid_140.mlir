func.func @conv2d_stride_size(%x: tensor<1x8x16x16xf32>, %w: tensor<8x8x3x3xf32>) {
  // expected-error @+1 {{'kiln.conv2d' op stride must have 2 entries, got 1: [2]}}
  %0 = kiln.conv2d %x, %w {stride = array<i64: 2>} : tensor<1x8x16x16xf32>, tensor<8x8x3x3xf32>
  return
}
