func.func @attention_colsum_k_rank(%q: tensor<1x8x64x64xf32>, %k: tensor<2x64x64xf32>) {
  // expected-error @+1 {{'kiln.attention_colsum' op k must have rank 4, got rank 3 [2, 64, 64]}}
  %0 = kiln.attention_colsum %q, %k {scale = 1.0 : f32} : tensor<1x8x64x64xf32>, tensor<2x64x64xf32>
  return
}
