func.func @rope_ntk_small_rotary(%x: tensor<1x8x16x64xf32>, %p: tensor<16xi64>) {
  // expected-error @+1 {{'kiln.rope' op ntk scaling needs a rotary dimension > 2, got 2}}
  %0 = kiln.rope %x, %p {scaling = "ntk", rotary_dim = 2 : i64} : tensor<1x8x16x64xf32>, tensor<16xi64>
  return
}
