func.func @group_norm_missing_groups(%x: tensor<1x64x8x8xf32>) {
  // expected-error @+1 {{'kiln.group_norm' op requires attribute 'num_groups'}}
  %0 = kiln.group_norm %x : tensor<1x64x8x8xf32>
  return
}
