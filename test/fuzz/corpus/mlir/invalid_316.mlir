func.func @too_many_elements(%x: tensor<4611686018427387904x4xf32>) {
  // expected-error @+1 {{'kiln.reshape' op operand #0 must be statically shaped tensor (at most 2^48 elements)}}
  %0 = kiln.reshape %x : tensor<4611686018427387904x4xf32> -> tensor<0xf32>
  return
}
