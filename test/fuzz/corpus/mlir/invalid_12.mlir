func.func @random_normal_nan_std() {
  // expected-error @+1 {{'kiln.random_normal' op std must be >= 0, got nan}}
  %n = kiln.random_normal {seed = 1 : i64, std = 0x7FC00000 : f32} : tensor<4xf32>
  return
}
