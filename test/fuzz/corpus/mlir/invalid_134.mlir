func.func @matmul_batch_not_broadcastable(%a: tensor<2x3x4x8xf32>, %b: tensor<4x8x5xf32>) {
  // expected-error @+1 {{'kiln.matmul' op batch dimensions do not broadcast: a has batch shape [2, 3], b has [4]}}
  %0 = kiln.matmul %a, %b : tensor<2x3x4x8xf32>, tensor<4x8x5xf32>
  return
}
