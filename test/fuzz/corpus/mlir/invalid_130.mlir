func.func @matmul_rank(%a: tensor<4xf32>, %b: tensor<4x8xf32>) {
  // expected-error @+1 {{'kiln.matmul' op operands must have rank >= 2, got a of rank 1 and b of rank 2}}
  %0 = kiln.matmul %a, %b : tensor<4xf32>, tensor<4x8xf32>
  return
}
