func.func @matmul_int_operands(%a: tensor<2x4xi32>, %b: tensor<4x8xi32>) {
  // expected-error @+1 {{'kiln.matmul' op operand #0 must be statically shaped tensor (at most 2^48 elements) of 32-bit float or 16-bit float or bfloat16 type values, but got 'tensor<2x4xi32>'}}
  %0 = kiln.matmul %a, %b : tensor<2x4xi32>, tensor<4x8xi32>
  return
}
