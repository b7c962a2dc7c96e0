// Generic form: the result type is written out and must equal the inferred one.
func.func @constant_generic_wrong_result_type() {
  // expected-error @+2 {{'kiln.constant' op inferred type(s) 'tensor<4xf32>' are incompatible with return type(s) of operation 'tensor<4xf16>'}}
  // expected-error @+1 {{'kiln.constant' op failed to infer returned types}}
  %c = "kiln.constant"() <{value = dense<1.0> : tensor<4xf32>}> : () -> tensor<4xf16>
  return
}
