func.func @random_normal_negative_std() {
  // expected-error @+1 {{'kiln.random_normal' op std must be >= 0, got -1.000000e+00}}
  %n = kiln.random_normal {seed = 1 : i64, std = -1.0 : f32} : tensor<4xf32>
  return
}
