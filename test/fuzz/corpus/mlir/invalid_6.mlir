func.func @param_name_wrong_kind() {
  // expected-error @+1 {{Invalid attribute `name` in property conversion: 3 : i64}}
  %w = "kiln.param"() <{name = 3 : i64}> : () -> tensor<4xf32>
  return
}
