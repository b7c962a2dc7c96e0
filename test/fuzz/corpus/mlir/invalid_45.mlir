func.func @reshape_dynamic_operand(%x: tensor<?x3xf32>) {
  // expected-error @+1 {{'kiln.reshape' op operand #0 must be statically shaped tensor (at most 2^48 elements) of}}
  %0 = kiln.reshape %x : tensor<?x3xf32> -> tensor<6xf32>
  return
}
