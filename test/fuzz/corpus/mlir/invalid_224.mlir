func.func @decode_attention_k_batch(%q: tensor<1x4x1x64xf32>, %kc: tensor<3x2x16x64xf32>, %l: tensor<1x2xi32>) {
  // expected-error @+1 {{'kiln.decode_attention' op k_cache has batch B = 3, expected 1}}
  %0 = kiln.decode_attention %q, %kc, %kc, %l {scale = 1.0 : f32} : tensor<1x4x1x64xf32>, tensor<3x2x16x64xf32>, tensor<3x2x16x64xf32>, tensor<1x2xi32>
  return
}
