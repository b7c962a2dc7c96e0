func.func @rope_rotary_dim_too_large(%x: tensor<1x8x16x64xf32>, %p: tensor<16xi64>) {
  // expected-error @+1 {{'kiln.rope' op rotary_dim must be even and at most D = 64 (0 means D), got 128}}
  %0 = kiln.rope %x, %p {rotary_dim = 128 : i64} : tensor<1x8x16x64xf32>, tensor<16xi64>
  return
}
