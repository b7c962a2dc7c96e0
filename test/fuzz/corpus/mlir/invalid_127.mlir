func.func @rms_norm_group_size_needs_last_axis(%x: tensor<2x8xf32>) {
  // expected-error @+1 {{'kiln.rms_norm' op group_size > 0 normalizes runs of the last axis and needs axes = [-1], got [0]}}
  %0 = kiln.rms_norm %x {axes = array<i64: 0>, group_size = 2 : i64} : tensor<2x8xf32>
  return
}
