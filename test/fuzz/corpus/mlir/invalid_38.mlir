func.func @select_not_broadcastable(%c: tensor<3x4xi1>, %a: tensor<2x4xf32>) {
  // expected-error @+1 {{'kiln.select' op operands are not broadcast-compatible in dimension 0: cond has 3, a has 2}}
  %0 = kiln.select %c, %a, %a : tensor<3x4xi1>, tensor<2x4xf32>, tensor<2x4xf32>
  return
}
