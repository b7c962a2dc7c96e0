func.func @quantize_missing_block_size(%w: tensor<4x64xf32>) {
  // expected-error @+1 {{'kiln.quantize' op requires attribute 'block_size'}}
  %0:2 = kiln.quantize %w {bits = 8 : i64, axis = 1 : i64} : tensor<4x64xf32>
  return
}
