func.func @attention_missing_scale(%q: tensor<1x2x4x8xf32>) {
  // expected-error @+1 {{'kiln.attention' op requires attribute 'scale'}}
  %0 = kiln.attention %q, %q, %q : tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>
  return
}
