func.func @dequantize_result_shape(%q: tensor<4x64xi8>, %s: tensor<4x2xf32>) {
  // expected-error @+1 {{'kiln.dequantize' op result must have q's shape [4, 64], got [64, 4]}}
  %0 = kiln.dequantize %q, %s {block_size = 32 : i64, axis = 1 : i64} : tensor<4x64xi8>, tensor<4x2xf32> -> tensor<64x4xf32>
  return
}
