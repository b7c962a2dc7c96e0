func.func @attention_mass_keep_rank(%q: tensor<1x8x64x64xf32>, %k: tensor<1x2x64x64xf32>, %keep: tensor<1x2x64xi1>) {
  // expected-error @+1 {{'kiln.attention_mass' op keep must have rank 4, got rank 3 [1, 2, 64]}}
  %0 = kiln.attention_mass %q, %k, %keep {scale = 1.0 : f32} : tensor<1x8x64x64xf32>, tensor<1x2x64x64xf32>, tensor<1x2x64xi1>
  return
}
