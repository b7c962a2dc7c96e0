func.func @layer_norm_negative_eps(%x: tensor<2x8xf32>) {
  // expected-error @+1 {{'kiln.layer_norm' op eps must be finite and >= 0, got -1.000000e-05}}
  %0 = kiln.layer_norm %x {eps = -1.0e-05 : f32} : tensor<2x8xf32>
  return
}
