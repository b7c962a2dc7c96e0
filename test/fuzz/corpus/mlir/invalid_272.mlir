func.func @dequantize_int_result(%q: tensor<4x64xi8>, %s: tensor<4x2xf32>) {
  // expected-error @+1 {{'kiln.dequantize' op result #0 must be statically shaped tensor (at most 2^48 elements) of 32-bit float or 16-bit float or bfloat16 type values, but got 'tensor<4x64xi32>'}}
  %0 = kiln.dequantize %q, %s {block_size = 32 : i64, axis = 1 : i64} : tensor<4x64xi8>, tensor<4x2xf32> -> tensor<4x64xi32>
  return
}
