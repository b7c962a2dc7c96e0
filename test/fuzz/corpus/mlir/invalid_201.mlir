func.func @rope_positions_batch(%x: tensor<2x8x16x64xf32>, %p: tensor<1x16xi64>) {
  // expected-error @+1 {{'kiln.rope' op positions must be [L] = [16] or [B, L] = [2, 16], got [1, 16]}}
  %0 = kiln.rope %x, %p : tensor<2x8x16x64xf32>, tensor<1x16xi64>
  return
}
