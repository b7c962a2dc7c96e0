// Generic form: a result type that differs from the inferred one.
func.func @binary_generic_wrong_result_type(%x: tensor<4x8xf32>, %y: tensor<1x8xf32>) {
  // expected-error @+2 {{'kiln.add' op inferred type(s) 'tensor<4x8xf32>' are incompatible with return type(s) of operation 'tensor<1x8xf32>'}}
  // expected-error @+1 {{'kiln.add' op failed to infer returned types}}
  %0 = "kiln.add"(%x, %y) : (tensor<4x8xf32>, tensor<1x8xf32>) -> tensor<1x8xf32>
  return
}
