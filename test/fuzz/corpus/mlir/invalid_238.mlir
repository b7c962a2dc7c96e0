func.func @attention_mass_gqa(%q: tensor<1x8x64x64xf32>, %k: tensor<1x3x64x64xf32>, %keep: tensor<5x1x3x64xi1>) {
  // expected-error @+1 {{'kiln.attention_mass' op query heads must be a multiple of kv heads: Hq = 8, Hk = 3}}
  %0 = kiln.attention_mass %q, %k, %keep {scale = 1.0 : f32} : tensor<1x8x64x64xf32>, tensor<1x3x64x64xf32>, tensor<5x1x3x64xi1>
  return
}
