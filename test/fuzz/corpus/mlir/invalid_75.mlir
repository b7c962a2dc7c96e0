func.func @gather_float_indices(%t: tensor<10x8xf32>, %i: tensor<3xf32>) {
  // expected-error @+1 {{'kiln.gather' op operand #1 must be statically shaped tensor (at most 2^48 elements) of 32-bit signless integer or 64-bit signless integer values, but got 'tensor<3xf32>'}}
  %0 = kiln.gather %t, %i : tensor<10x8xf32>, tensor<3xf32>
  return
}
