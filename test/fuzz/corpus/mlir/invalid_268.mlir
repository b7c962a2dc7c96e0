func.func @dequantize_block_size(%q: tensor<4x64xi8>, %s: tensor<4x2xf32>) {
  // expected-error @+1 {{'kiln.dequantize' op block_size = 24 must be >= 1 and divide dimension 1 (64)}}
  %0 = kiln.dequantize %q, %s {block_size = 24 : i64, axis = 1 : i64} : tensor<4x64xi8>, tensor<4x2xf32> -> tensor<4x64xf32>
  return
}
