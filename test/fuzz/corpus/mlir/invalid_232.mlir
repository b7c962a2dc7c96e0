func.func @decode_attention_lens_shape(%q: tensor<1x4x1x64xf32>, %kc: tensor<1x2x16x64xf32>, %l: tensor<1x4xi32>) {
  // expected-error @+1 {{'kiln.decode_attention' op lens must be [B, Hk] = [1, 2], got [1, 4]}}
  %0 = kiln.decode_attention %q, %kc, %kc, %l {scale = 1.0 : f32} : tensor<1x4x1x64xf32>, tensor<1x2x16x64xf32>, tensor<1x2x16x64xf32>, tensor<1x4xi32>
  return
}
