func.func @layer_norm_axis_out_of_range(%x: tensor<2x8xf32>) {
  // expected-error @+1 {{'kiln.layer_norm' op axes = 2 is out of range for rank 2 (expected -2 <= axes < 2)}}
  %0 = kiln.layer_norm %x {axes = array<i64: 2>} : tensor<2x8xf32>
  return
}
