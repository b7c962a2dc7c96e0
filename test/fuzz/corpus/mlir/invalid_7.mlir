func.func @iota_scalar() {
  // expected-error @+1 {{'kiln.iota' op result must have rank >= 1, got a scalar tensor}}
  %i = kiln.iota {dim = 0 : i64} : tensor<i32>
  return
}
