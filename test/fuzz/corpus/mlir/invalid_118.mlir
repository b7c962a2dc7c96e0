func.func @layer_norm_int_operand(%x: tensor<2x8xi8>) {
  // expected-error @+1 {{'kiln.layer_norm' op operand #0 must be statically shaped tensor (at most 2^48 elements) of 32-bit float or 16-bit float or bfloat16 type values, but got 'tensor<2x8xi8>'}}
  %0 = kiln.layer_norm %x : tensor<2x8xi8>
  return
}
