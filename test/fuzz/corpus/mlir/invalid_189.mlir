func.func @attention_mask_not_broadcastable(%q: tensor<1x2x4x8xf32>, %k: tensor<1x2x6x8xf32>, %m: tensor<1x1x4x4xi1>) {
  // expected-error @+1 {{'kiln.attention' op mask [1, 1, 4, 4] does not broadcast to [B, Hq, Lq, Lk] = [1, 2, 4, 6]}}
  %0 = kiln.attention %q, %k, %k, %m {scale = 1.0 : f32} : tensor<1x2x4x8xf32>, tensor<1x2x6x8xf32>, tensor<1x2x6x8xf32>, tensor<1x1x4x4xi1>
  return
}
