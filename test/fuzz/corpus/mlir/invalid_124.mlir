func.func @rms_norm_axis_out_of_range(%x: tensor<2x8xf32>) {
  // expected-error @+1 {{'kiln.rms_norm' op axes = -3 is out of range for rank 2 (expected -2 <= axes < 2)}}
  %0 = kiln.rms_norm %x {axes = array<i64: -3>} : tensor<2x8xf32>
  return
}
