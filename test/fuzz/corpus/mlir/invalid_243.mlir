func.func @attention_mass_keep_shape(%q: tensor<1x8x64x64xf32>, %k: tensor<1x2x64x64xf32>, %keep: tensor<5x1x8x64xi1>) {
  // expected-error @+1 {{'kiln.attention_mass' op keep must be [P, B, Hk, L] = [5, 1, 2, 64], got [5, 1, 8, 64]}}
  %0 = kiln.attention_mass %q, %k, %keep {scale = 1.0 : f32} : tensor<1x8x64x64xf32>, tensor<1x2x64x64xf32>, tensor<5x1x8x64xi1>
  return
}
