func.func @rope_positions_float(%x: tensor<1x8x16x64xf32>, %p: tensor<16xf32>) {
  // expected-error @+1 {{'kiln.rope' op operand #1 must be statically shaped tensor (at most 2^48 elements) of 32-bit signless integer or 64-bit signless integer values, but got 'tensor<16xf32>'}}
  %0 = kiln.rope %x, %p : tensor<1x8x16x64xf32>, tensor<16xf32>
  return
}
