func.func @attention_v_heads(%q: tensor<1x4x4x8xf32>, %k: tensor<1x2x4x8xf32>, %v: tensor<1x1x4x8xf32>) {
  // expected-error @+1 {{'kiln.attention' op v has heads = 1, expected 2}}
  %0 = kiln.attention %q, %k, %v {scale = 1.0 : f32} : tensor<1x4x4x8xf32>, tensor<1x2x4x8xf32>, tensor<1x1x4x8xf32>
  return
}
