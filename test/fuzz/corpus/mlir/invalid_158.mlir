func.func @conv_transpose2d_groups(%x: tensor<1x8x16x16xf32>, %w: tensor<8x4x2x2xf32>) {
  // expected-error @+1 {{'kiln.conv_transpose2d' op groups must be >= 1 and divide the input channels: groups = 0, C = 8}}
  %0 = kiln.conv_transpose2d %x, %w {groups = 0 : i64} : tensor<1x8x16x16xf32>, tensor<8x4x2x2xf32>
  return
}
