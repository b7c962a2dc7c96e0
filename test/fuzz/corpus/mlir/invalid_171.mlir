func.func @conv1d_groups_do_not_divide(%x: tensor<1x16x64xf32>, %w: tensor<16x3x4xf32>) {
  // expected-error @+1 {{'kiln.conv1d' op groups must be >= 1 and divide the input channels: groups = 5, C = 16}}
  %0 = kiln.conv1d %x, %w {groups = 5 : i64} : tensor<1x16x64xf32>, tensor<16x3x4xf32>
  return
}
