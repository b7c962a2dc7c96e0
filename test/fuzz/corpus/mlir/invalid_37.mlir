func.func @select_rank_differs(%c: tensor<4xi1>, %a: tensor<2x4xf32>) {
  // expected-error @+1 {{'kiln.select' op operands must have the same rank: cond has rank 1, a has rank 2}}
  %0 = kiln.select %c, %a, %a : tensor<4xi1>, tensor<2x4xf32>, tensor<2x4xf32>
  return
}
