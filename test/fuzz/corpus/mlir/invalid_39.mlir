func.func @select_cond_not_bool(%c: tensor<4xi32>, %a: tensor<4xf32>) {
  // expected-error @+1 {{'kiln.select' op operand #0 must be statically shaped tensor (at most 2^48 elements) of 1-bit signless integer values, but got 'tensor<4xi32>'}}
  %0 = kiln.select %c, %a, %a : tensor<4xi32>, tensor<4xf32>, tensor<4xf32>
  return
}
