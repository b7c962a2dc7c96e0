func.func @attention_v_length(%q: tensor<1x2x4x8xf32>, %k: tensor<1x2x6x8xf32>, %v: tensor<1x2x5x8xf32>) {
  // expected-error @+1 {{'kiln.attention' op v has length Lk = 5, expected 6}}
  %0 = kiln.attention %q, %k, %v {scale = 1.0 : f32} : tensor<1x2x4x8xf32>, tensor<1x2x6x8xf32>, tensor<1x2x5x8xf32>
  return
}
