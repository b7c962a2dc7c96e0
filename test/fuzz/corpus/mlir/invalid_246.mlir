func.func @attention_colsum_k_length(%q: tensor<1x8x64x64xf32>, %k: tensor<1x2x16x64xf32>) {
  // expected-error @+1 {{'kiln.attention_colsum' op k has length L = 16, expected 64}}
  %0 = kiln.attention_colsum %q, %k {scale = 1.0 : f32} : tensor<1x8x64x64xf32>, tensor<1x2x16x64xf32>
  return
}
