func.func @decode_attention_v_capacity(%q: tensor<1x4x1x64xf32>, %kc: tensor<1x2x16x64xf32>, %vc: tensor<1x2x8x64xf32>, %l: tensor<1x2xi32>) {
  // expected-error @+1 {{'kiln.decode_attention' op v_cache has capacity S = 8, expected 16}}
  %0 = kiln.decode_attention %q, %kc, %vc, %l {scale = 1.0 : f32} : tensor<1x4x1x64xf32>, tensor<1x2x16x64xf32>, tensor<1x2x8x64xf32>, tensor<1x2xi32>
  return
}
