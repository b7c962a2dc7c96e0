func.func @dequantize_q_not_i8(%q: tensor<4x64xi32>, %s: tensor<4x2xf32>) {
  // expected-error @+1 {{'kiln.dequantize' op operand #0 must be statically shaped tensor (at most 2^48 elements) of 8-bit signless integer values, but got 'tensor<4x64xi32>'}}
  %0 = kiln.dequantize %q, %s {block_size = 32 : i64, axis = 1 : i64} : tensor<4x64xi32>, tensor<4x2xf32> -> tensor<4x64xf32>
  return
}
