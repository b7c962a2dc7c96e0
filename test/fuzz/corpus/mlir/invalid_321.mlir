func.func @layer_norm_infinite_eps(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{'kiln.layer_norm' op eps must be finite and >= 0, got INF}}
  %0 = kiln.layer_norm %x {eps = 0x7F800000 : f32} : tensor<4x8xf32>
  return
}
