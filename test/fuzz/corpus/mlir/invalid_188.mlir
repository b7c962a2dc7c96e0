func.func @attention_mask_rank(%q: tensor<1x2x4x8xf32>, %m: tensor<4x4xi1>) {
  // expected-error @+1 {{'kiln.attention' op mask must have rank 4, got rank 2 [4, 4]}}
  %0 = kiln.attention %q, %q, %q, %m {scale = 1.0 : f32} : tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>, tensor<4x4xi1>
  return
}
