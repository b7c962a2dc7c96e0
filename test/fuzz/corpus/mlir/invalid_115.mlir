func.func @layer_norm_duplicate_axes(%x: tensor<2x8xf32>) {
  // expected-error @+1 {{'kiln.layer_norm' op axes names axis 0 twice: [0, -2]}}
  %0 = kiln.layer_norm %x {axes = array<i64: 0, -2>} : tensor<2x8xf32>
  return
}
