func.func @decode_attention_head_dim(%q: tensor<1x4x1x32xf32>, %kc: tensor<1x2x16x64xf32>, %l: tensor<1x2xi32>) {
  // expected-error @+1 {{'kiln.decode_attention' op k_cache has head dim D = 64, expected 32}}
  %0 = kiln.decode_attention %q, %kc, %kc, %l {scale = 1.0 : f32} : tensor<1x4x1x32xf32>, tensor<1x2x16x64xf32>, tensor<1x2x16x64xf32>, tensor<1x2xi32>
  return
}
