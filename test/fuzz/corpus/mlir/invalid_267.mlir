func.func @dequantize_axis(%q: tensor<4x64xi8>, %s: tensor<4x2xf32>) {
  // expected-error @+1 {{'kiln.dequantize' op axis = -3 is out of range for rank 2 (expected -2 <= axis < 2)}}
  %0 = kiln.dequantize %q, %s {block_size = 32 : i64, axis = -3 : i64} : tensor<4x64xi8>, tensor<4x2xf32> -> tensor<4x64xf32>
  return
}
