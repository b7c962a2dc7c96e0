func.func @rope_yarn_theta_one(%x: tensor<1x2x4x8xf32>, %p: tensor<4xi32>) {
  // expected-error @+1 {{'kiln.rope' op yarn scaling divides by ln(theta) and needs theta != 1}}
  %0 = kiln.rope %x, %p {theta = 1.0 : f32, scaling = "yarn", original_max_positions = 16 : i64} : tensor<1x2x4x8xf32>, tensor<4xi32>
  return
}
