func.func @attention_k_element_type(%q: tensor<1x2x4x8xf32>, %k: tensor<1x2x4x8xbf16>, %v: tensor<1x2x4x8xf32>) {
  // expected-error @+1 {{'kiln.attention' op q and k must share an element type, got f32 and bf16}}
  %0 = kiln.attention %q, %k, %v {scale = 1.0 : f32} : tensor<1x2x4x8xf32>, tensor<1x2x4x8xbf16>, tensor<1x2x4x8xf32>
  return
}
