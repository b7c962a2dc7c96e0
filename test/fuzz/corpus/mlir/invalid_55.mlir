func.func @concat_no_inputs() {
  // expected-error @+2 {{'kiln.concat' op needs at least one input}}
  // expected-error @+1 {{'kiln.concat' op failed to infer returned types}}
  %0 = "kiln.concat"() <{axis = 0 : i64}> : () -> tensor<4xf32>
  return
}
