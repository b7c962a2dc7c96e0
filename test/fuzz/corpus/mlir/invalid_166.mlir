func.func @conv_transpose2d_no_output(%x: tensor<1x8x1x16xf32>, %w: tensor<8x4x2x2xf32>) {
  // expected-error @+1 {{'kiln.conv_transpose2d' op padding leaves no output along H (size -2)}}
  %0 = kiln.conv_transpose2d %x, %w {padding = array<i64: 2, 0>} : tensor<1x8x1x16xf32>, tensor<8x4x2x2xf32>
  return
}
