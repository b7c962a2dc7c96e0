func.func @layer_norm_empty_axes(%x: tensor<2x8xf32>) {
  // expected-error @+1 {{'kiln.layer_norm' op axes must name at least one axis}}
  %0 = kiln.layer_norm %x {axes = array<i64>} : tensor<2x8xf32>
  return
}
