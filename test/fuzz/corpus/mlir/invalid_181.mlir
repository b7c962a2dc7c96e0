func.func @attention_k_batch(%q: tensor<1x2x4x8xf32>, %k: tensor<2x2x4x8xf32>) {
  // expected-error @+1 {{'kiln.attention' op k has batch B = 2, expected 1}}
  %0 = kiln.attention %q, %k, %k {scale = 1.0 : f32} : tensor<1x2x4x8xf32>, tensor<2x2x4x8xf32>, tensor<2x2x4x8xf32>
  return
}
