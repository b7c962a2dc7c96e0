func.func @binary_bool_operands(%x: tensor<4xi1>) {
  // expected-error @+1 {{'kiln.max' op operand #0 must be statically shaped tensor (at most 2^48 elements) of}}
  %0 = kiln.max %x, %x : tensor<4xi1>, tensor<4xi1>
  return
}
