func.func @param_empty_name() {
  // expected-error @+1 {{'kiln.param' op name must not be empty}}
  %w = kiln.param "" : tensor<4xf32>
  return
}
