func.func @rope_factor_not_positive(%x: tensor<1x8x16x64xf32>, %p: tensor<16xi64>) {
  // expected-error @+1 {{'kiln.rope' op factor must be finite and > 0, got -2.000000e+00}}
  %0 = kiln.rope %x, %p {scaling = "linear", factor = -2.0 : f32} : tensor<1x8x16x64xf32>, tensor<16xi64>
  return
}
