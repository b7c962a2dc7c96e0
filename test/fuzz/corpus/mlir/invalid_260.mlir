func.func @quantize_bits(%w: tensor<4x64xf32>) {
  // expected-error @+1 {{'kiln.quantize' op bits must be 4 or 8, got 2}}
  %0:2 = kiln.quantize %w {bits = 2 : i64, block_size = 32 : i64, axis = 1 : i64} : tensor<4x64xf32>
  return
}
