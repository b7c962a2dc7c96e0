func.func @too_many_elements_parse(%x: tensor<4611686018427387904x4xf32>) {
  // expected-error @+1 {{'kiln.softmax' op operand #0 must be a statically shaped tensor of at most 2^48 elements, got tensor<4611686018427387904x4xf32>}}
  %0 = kiln.softmax %x : tensor<4611686018427387904x4xf32>
  return
}
