func.func @softmax_int_operand(%x: tensor<4x8xi32>) {
  // expected-error @+1 {{'kiln.softmax' op operand #0 must be statically shaped tensor (at most 2^48 elements) of 32-bit float or 16-bit float or bfloat16 type values, but got 'tensor<4x8xi32>'}}
  %0 = kiln.softmax %x : tensor<4x8xi32>
  return
}
