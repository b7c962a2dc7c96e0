func.func @attention_s2_odd_heads(%q: tensor<1x3x4x8xf32>) {
  // expected-error @+1 {{'kiln.attention' op s2_group shifts half of the heads and needs an even number of query heads, got Hq = 3}}
  %0 = kiln.attention %q, %q, %q {scale = 1.0 : f32, s2_group = 2 : i64} : tensor<1x3x4x8xf32>, tensor<1x3x4x8xf32>, tensor<1x3x4x8xf32>
  return
}
