func.func @attention_mass_element_type(%q: tensor<1x8x64x64xf32>, %k: tensor<1x2x64x64xbf16>, %keep: tensor<5x1x2x64xi1>) {
  // expected-error @+1 {{'kiln.attention_mass' op q and k must share an element type, got f32 and bf16}}
  %0 = kiln.attention_mass %q, %k, %keep {scale = 1.0 : f32} : tensor<1x8x64x64xf32>, tensor<1x2x64x64xbf16>, tensor<5x1x2x64xi1>
  return
}
