func.func @group_norm_groups_do_not_divide(%x: tensor<1x64x8x8xf32>) {
  // expected-error @+1 {{'kiln.group_norm' op num_groups must be >= 1 and divide the channel count: num_groups = 24, C = 64}}
  %0 = kiln.group_norm %x {num_groups = 24 : i64} : tensor<1x64x8x8xf32>
  return
}
