func.func @rms_norm_negative_group_size(%x: tensor<2x8xf32>) {
  // expected-error @+1 {{'kiln.rms_norm' op group_size must be >= 0, got -4}}
  %0 = kiln.rms_norm %x {group_size = -4 : i64} : tensor<2x8xf32>
  return
}
