func.func @reduce_bool_operand(%x: tensor<4x8xi1>) {
  // expected-error @+1 {{'kiln.reduce_sum' op operand #0 must be statically shaped tensor (at most 2^48 elements) of}}
  %0 = kiln.reduce_sum %x {axes = array<i64: 0>} : tensor<4x8xi1>
  return
}
