func.func @quantize_int_operand(%w: tensor<4x64xi32>) {
  // expected-error @+1 {{'kiln.quantize' op operand #0 must be statically shaped tensor (at most 2^48 elements) of 32-bit float or 16-bit float or bfloat16 type values, but got 'tensor<4x64xi32>'}}
  %0:2 = kiln.quantize %w {bits = 8 : i64, block_size = 32 : i64, axis = 1 : i64} : tensor<4x64xi32>
  return
}
