func.func @param_dynamic_shape() {
  // expected-error @+1 {{'kiln.param' op result #0 must be statically shaped tensor}}
  %w = kiln.param "w" : tensor<?x4xf32>
  return
}
