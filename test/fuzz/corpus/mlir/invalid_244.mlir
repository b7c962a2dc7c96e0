func.func @attention_mass_missing_scale(%q: tensor<1x8x64x64xf32>, %k: tensor<1x2x64x64xf32>, %keep: tensor<5x1x2x64xi1>) {
  // expected-error @+1 {{'kiln.attention_mass' op requires attribute 'scale'}}
  %0 = kiln.attention_mass %q, %k, %keep : tensor<1x8x64x64xf32>, tensor<1x2x64x64xf32>, tensor<5x1x2x64xi1>
  return
}
