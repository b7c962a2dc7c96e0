func.func @binary_rank_differs(%x: tensor<4x8xf32>, %y: tensor<8xf32>) {
  // expected-error @+1 {{'kiln.mul' op operands must have the same rank: lhs has rank 2, rhs has rank 1 (insert kiln.reshape to align ranks)}}
  %0 = kiln.mul %x, %y : tensor<4x8xf32>, tensor<8xf32>
  return
}
