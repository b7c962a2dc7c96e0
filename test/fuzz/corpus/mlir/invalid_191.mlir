func.func @attention_negative_window(%q: tensor<1x2x4x8xf32>) {
  // expected-error @+1 {{'kiln.attention' op window must be >= 0, got -1}}
  %0 = kiln.attention %q, %q, %q {scale = 1.0 : f32, window = -1 : i64} : tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>
  return
}
