func.func @binary_not_broadcastable(%x: tensor<4x8xf32>, %y: tensor<4x3xf32>) {
  // expected-error @+1 {{'kiln.sub' op operands are not broadcast-compatible in dimension 1: lhs has 8, rhs has 3}}
  %0 = kiln.sub %x, %y : tensor<4x8xf32>, tensor<4x3xf32>
  return
}
