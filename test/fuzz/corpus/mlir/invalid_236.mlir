func.func @attention_mass_q_rank(%q: tensor<8x64x64xf32>, %k: tensor<1x2x64x64xf32>, %keep: tensor<5x1x2x64xi1>) {
  // expected-error @+1 {{'kiln.attention_mass' op q must have rank 4, got rank 3 [8, 64, 64]}}
  %0 = kiln.attention_mass %q, %k, %keep {scale = 1.0 : f32} : tensor<8x64x64xf32>, tensor<1x2x64x64xf32>, tensor<5x1x2x64xi1>
  return
}
