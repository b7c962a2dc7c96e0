func.func @attention_gqa(%q: tensor<1x6x4x8xf32>, %k: tensor<1x4x4x8xf32>) {
  // expected-error @+1 {{'kiln.attention' op query heads must be a multiple of kv heads: Hq = 6, Hk = 4}}
  %0 = kiln.attention %q, %k, %k {scale = 1.0 : f32} : tensor<1x6x4x8xf32>, tensor<1x4x4x8xf32>, tensor<1x4x4x8xf32>
  return
}
