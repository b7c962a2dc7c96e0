func.func @rope_positions_length(%x: tensor<1x8x16x64xf32>, %p: tensor<8xi64>) {
  // expected-error @+1 {{'kiln.rope' op positions must be [L] = [16] or [B, L] = [1, 16], got [8]}}
  %0 = kiln.rope %x, %p : tensor<1x8x16x64xf32>, tensor<8xi64>
  return
}
