func.func @decode_attention_v_element_type(%q: tensor<1x4x1x64xf32>, %kc: tensor<1x2x16x64xf32>, %vc: tensor<1x2x16x64xf16>, %l: tensor<1x2xi32>) {
  // expected-error @+1 {{'kiln.decode_attention' op q and v_cache must share an element type, got f32 and f16}}
  %0 = kiln.decode_attention %q, %kc, %vc, %l {scale = 1.0 : f32} : tensor<1x4x1x64xf32>, tensor<1x2x16x64xf32>, tensor<1x2x16x64xf16>, tensor<1x2xi32>
  return
}
