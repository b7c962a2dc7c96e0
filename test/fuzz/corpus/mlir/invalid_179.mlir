func.func @attention_q_rank(%q: tensor<2x4x8xf32>, %k: tensor<1x2x4x8xf32>) {
  // expected-error @+1 {{'kiln.attention' op q must have rank 4, got rank 3 [2, 4, 8]}}
  %0 = kiln.attention %q, %k, %k {scale = 1.0 : f32} : tensor<2x4x8xf32>, tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>
  return
}
