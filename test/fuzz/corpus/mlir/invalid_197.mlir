func.func @attention_generic_wrong_result(%q: tensor<1x2x4x8xf32>, %v: tensor<1x2x4x16xf32>) {
  // expected-error @+2 {{'kiln.attention' op inferred type(s) 'tensor<1x2x4x16xf32>' are incompatible with return type(s) of operation 'tensor<1x2x4x8xf32>'}}
  // expected-error @+1 {{'kiln.attention' op failed to infer returned types}}
  %0 = "kiln.attention"(%q, %q, %v) <{scale = 1.0 : f32}> : (tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>, tensor<1x2x4x16xf32>) -> tensor<1x2x4x8xf32>
  return
}
