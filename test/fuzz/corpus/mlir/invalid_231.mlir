func.func @decode_attention_too_many_queries(%q: tensor<1x4x32x64xf32>, %kc: tensor<1x2x16x64xf32>, %l: tensor<1x2xi32>) {
  // expected-error @+1 {{'kiln.decode_attention' op q has T = 32 new rows, more than the cache capacity S = 16}}
  %0 = kiln.decode_attention %q, %kc, %kc, %l {scale = 1.0 : f32} : tensor<1x4x32x64xf32>, tensor<1x2x16x64xf32>, tensor<1x2x16x64xf32>, tensor<1x2xi32>
  return
}
