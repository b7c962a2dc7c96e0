func.func @attention_v_element_type(%q: tensor<1x2x4x8xf32>, %v: tensor<1x2x4x8xf16>) {
  // expected-error @+1 {{'kiln.attention' op q and v must share an element type, got f32 and f16}}
  %0 = kiln.attention %q, %q, %v {scale = 1.0 : f32} : tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>, tensor<1x2x4x8xf16>
  return
}
