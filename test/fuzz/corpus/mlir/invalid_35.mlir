func.func @compare_not_broadcastable(%x: tensor<4x2xf32>, %y: tensor<4x3xf32>) {
  // expected-error @+1 {{'kiln.compare' op operands are not broadcast-compatible in dimension 1: lhs has 2, rhs has 3}}
  %0 = kiln.compare %x, %y {predicate = "gt"} : tensor<4x2xf32>, tensor<4x3xf32>
  return
}
