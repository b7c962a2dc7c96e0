func.func @quantize_axis(%w: tensor<4x64xf32>) {
  // expected-error @+1 {{'kiln.quantize' op axis = 2 is out of range for rank 2 (expected -2 <= axis < 2)}}
  %0:2 = kiln.quantize %w {bits = 8 : i64, block_size = 32 : i64, axis = 2 : i64} : tensor<4x64xf32>
  return
}
