func.func @rope_theta_not_positive(%x: tensor<1x8x16x64xf32>, %p: tensor<16xi64>) {
  // expected-error @+1 {{'kiln.rope' op theta must be finite and > 0, got 0.000000e+00}}
  %0 = kiln.rope %x, %p {theta = 0.0 : f32} : tensor<1x8x16x64xf32>, tensor<16xi64>
  return
}
