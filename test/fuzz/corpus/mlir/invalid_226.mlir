func.func @decode_attention_gqa(%q: tensor<1x5x1x64xf32>, %kc: tensor<1x2x16x64xf32>, %l: tensor<1x2xi32>) {
  // expected-error @+1 {{'kiln.decode_attention' op query heads must be a multiple of kv heads: Hq = 5, Hk = 2}}
  %0 = kiln.decode_attention %q, %kc, %kc, %l {scale = 1.0 : f32} : tensor<1x5x1x64xf32>, tensor<1x2x16x64xf32>, tensor<1x2x16x64xf32>, tensor<1x2xi32>
  return
}
