func.func @attention_negative_s2_group(%q: tensor<1x2x4x8xf32>) {
  // expected-error @+1 {{'kiln.attention' op s2_group must be >= 0, got -2}}
  %0 = kiln.attention %q, %q, %q {scale = 1.0 : f32, s2_group = -2 : i64} : tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>
  return
}
