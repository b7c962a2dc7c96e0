func.func @conv2d_groups_wrong_kind(%x: tensor<1x8x16x16xf32>, %w: tensor<8x8x3x3xf32>) {
  // expected-error @+1 {{attribute 'stride' failed to satisfy constraint: i64 dense array attribute}}
  %0 = kiln.conv2d %x, %w {stride = [1, 1]} : tensor<1x8x16x16xf32>, tensor<8x8x3x3xf32>
  return
}
