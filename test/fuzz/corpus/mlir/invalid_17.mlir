func.func @unary_dynamic_shape(%x: tensor<?x4xf32>) {
  // expected-error @+1 {{'kiln.tanh' op operand #0 must be statically shaped tensor (at most 2^48 elements) of 32-bit float or 16-bit float or bfloat16 type values, but got 'tensor<?x4xf32>'}}
  %0 = kiln.tanh %x : tensor<?x4xf32>
  return
}
