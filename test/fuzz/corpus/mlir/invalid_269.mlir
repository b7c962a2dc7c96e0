func.func @dequantize_scales_shape(%q: tensor<4x64xi8>, %s: tensor<4x4xf32>) {
  // expected-error @+1 {{'kiln.dequantize' op scales must be [4, 2] (q's shape with axis 1 divided by block_size), got [4, 4]}}
  %0 = kiln.dequantize %q, %s {block_size = 32 : i64, axis = 1 : i64} : tensor<4x64xi8>, tensor<4x4xf32> -> tensor<4x64xf32>
  return
}
