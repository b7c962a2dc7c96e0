func.func @rope_yarn_beta(%x: tensor<1x2x4x8xf32>, %p: tensor<4xi32>) {
  // expected-error @+1 {{'kiln.rope' op yarn needs finite beta_fast and beta_slow > 0, got 3.200000e+01 and 0.000000e+00}}
  %0 = kiln.rope %x, %p {beta_slow = 0.0 : f32, scaling = "yarn", original_max_positions = 16 : i64} : tensor<1x2x4x8xf32>, tensor<4xi32>
  return
}
