func.func @quantize_block_size_does_not_divide(%w: tensor<4x64xf32>) {
  // expected-error @+1 {{'kiln.quantize' op block_size = 48 must be >= 1 and divide dimension 1 (64)}}
  %0:2 = kiln.quantize %w {bits = 8 : i64, block_size = 48 : i64, axis = 1 : i64} : tensor<4x64xf32>
  return
}
