func.func @rope_yarn_needs_original_max(%x: tensor<1x8x16x64xf32>, %p: tensor<16xi64>) {
  // expected-error @+1 {{'kiln.rope' op yarn scaling needs original_max_positions > 0, got 0}}
  %0 = kiln.rope %x, %p {scaling = "yarn", factor = 4.0 : f32} : tensor<1x8x16x64xf32>, tensor<16xi64>
  return
}
