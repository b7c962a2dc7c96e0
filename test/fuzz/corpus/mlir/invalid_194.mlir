func.func @attention_s2_odd_group(%q: tensor<1x2x6x8xf32>) {
  // expected-error @+1 {{'kiln.attention' op s2_group must be even and divide L: s2_group = 3, L = 6}}
  %0 = kiln.attention %q, %q, %q {scale = 1.0 : f32, s2_group = 3 : i64} : tensor<1x2x6x8xf32>, tensor<1x2x6x8xf32>, tensor<1x2x6x8xf32>
  return
}
