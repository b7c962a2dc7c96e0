func.func @concat_rank_differs(%a: tensor<2x4xf32>, %b: tensor<4xf32>) {
  // expected-error @+1 {{'kiln.concat' op input 1 must have rank 2, got rank 1 [4]}}
  %0 = kiln.concat %a, %b {axis = 0 : i64} : tensor<2x4xf32>, tensor<4xf32>
  return
}
