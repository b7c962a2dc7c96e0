func.func @conv2d_groups_do_not_divide(%x: tensor<1x8x16x16xf32>, %w: tensor<6x2x3x3xf32>) {
  // expected-error @+1 {{'kiln.conv2d' op groups must be >= 1 and divide the input channels: groups = 3, C = 8}}
  %0 = kiln.conv2d %x, %w {groups = 3 : i64} : tensor<1x8x16x16xf32>, tensor<6x2x3x3xf32>
  return
}
