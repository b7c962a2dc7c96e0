// Generic form: a shape rule broken; the verifier reports the rule, then that
// inference failed.
func.func @binary_generic_not_broadcastable(%x: tensor<4x8xf32>, %y: tensor<2x8xf32>) {
  // expected-error @+2 {{'kiln.min' op operands are not broadcast-compatible in dimension 0: lhs has 4, rhs has 2}}
  // expected-error @+1 {{'kiln.min' op failed to infer returned types}}
  %0 = "kiln.min"(%x, %y) : (tensor<4x8xf32>, tensor<2x8xf32>) -> tensor<4x8xf32>
  return
}
