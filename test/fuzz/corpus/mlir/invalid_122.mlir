func.func @group_norm_nan_eps(%x: tensor<1x64x8x8xf32>) {
  // expected-error @+1 {{'kiln.group_norm' op eps must be finite and >= 0, got nan}}
  %0 = kiln.group_norm %x {num_groups = 8 : i64, eps = 0x7FC00000 : f32} : tensor<1x64x8x8xf32>
  return
}
