func.func @random_normal_missing_seed() {
  // expected-error @+1 {{'kiln.random_normal' op requires attribute 'seed'}}
  %n = kiln.random_normal : tensor<4xf32>
  return
}
