func.func @attention_mass_head_dim(%q: tensor<1x8x64x64xf32>, %k: tensor<1x2x64x32xf32>, %keep: tensor<5x1x2x64xi1>) {
  // expected-error @+1 {{'kiln.attention_mass' op k has head dim D = 32, expected 64}}
  %0 = kiln.attention_mass %q, %k, %keep {scale = 1.0 : f32} : tensor<1x8x64x64xf32>, tensor<1x2x64x32xf32>, tensor<5x1x2x64xi1>
  return
}
