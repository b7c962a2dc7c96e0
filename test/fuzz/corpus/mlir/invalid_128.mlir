func.func @rms_norm_group_size_divides_last(%x: tensor<2x8xf32>) {
  // expected-error @+1 {{'kiln.rms_norm' op the last dimension (8) must be divisible by group_size = 3}}
  %0 = kiln.rms_norm %x {group_size = 3 : i64} : tensor<2x8xf32>
  return
}
