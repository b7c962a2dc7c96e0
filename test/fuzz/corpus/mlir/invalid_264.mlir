func.func @quantize_block_size_zero(%w: tensor<4x64xf32>) {
  // expected-error @+1 {{'kiln.quantize' op block_size = 0 must be >= 1 and divide dimension 0 (4)}}
  %0:2 = kiln.quantize %w {bits = 8 : i64, block_size = 0 : i64, axis = 0 : i64} : tensor<4x64xf32>
  return
}
