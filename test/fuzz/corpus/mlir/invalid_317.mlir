func.func @too_many_elements_inferred(%x: tensor<4611686018427387904x4xf32>) {
  // expected-error @+1 {{'kiln.exp' op operand #0 must be statically shaped tensor (at most 2^48 elements)}}
  %0 = kiln.exp %x : tensor<4611686018427387904x4xf32>
  return
}
