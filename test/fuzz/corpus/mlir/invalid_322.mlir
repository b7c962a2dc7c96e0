func.func @rope_infinite_theta(%x: tensor<1x2x4x8xf32>, %p: tensor<4xi32>) {
  // expected-error @+1 {{'kiln.rope' op theta must be finite and > 0, got INF}}
  %0 = kiln.rope %x, %p {theta = 0x7F800000 : f32} : tensor<1x2x4x8xf32>, tensor<4xi32>
  return
}
