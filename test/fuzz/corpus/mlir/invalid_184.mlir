func.func @attention_head_dim(%q: tensor<1x2x4x8xf32>, %k: tensor<1x2x4x16xf32>) {
  // expected-error @+1 {{'kiln.attention' op k has head dim D = 16, expected 8}}
  %0 = kiln.attention %q, %k, %k {scale = 1.0 : f32} : tensor<1x2x4x8xf32>, tensor<1x2x4x16xf32>, tensor<1x2x4x16xf32>
  return
}
