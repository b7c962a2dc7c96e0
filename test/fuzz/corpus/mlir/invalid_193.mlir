func.func @attention_s2_lengths_differ(%q: tensor<1x2x4x8xf32>, %k: tensor<1x2x8x8xf32>) {
  // expected-error @+1 {{'kiln.attention' op s2_group needs Lq == Lk, got Lq = 4, Lk = 8}}
  %0 = kiln.attention %q, %k, %k {scale = 1.0 : f32, s2_group = 2 : i64} : tensor<1x2x4x8xf32>, tensor<1x2x8x8xf32>, tensor<1x2x8x8xf32>
  return
}
