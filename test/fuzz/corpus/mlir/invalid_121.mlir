func.func @group_norm_zero_groups(%x: tensor<1x64x8x8xf32>) {
  // expected-error @+1 {{'kiln.group_norm' op num_groups must be >= 1 and divide the channel count: num_groups = 0, C = 64}}
  %0 = kiln.group_norm %x {num_groups = 0 : i64} : tensor<1x64x8x8xf32>
  return
}
