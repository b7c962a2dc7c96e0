func.func @attention_generic_two_masks(%q: tensor<1x2x4x8xf32>, %m: tensor<1x1x4x4xi1>) {
  // expected-error @+1 {{'kiln.attention' op operand group starting at #3 requires 0 or 1 element, but found 2}}
  %0 = "kiln.attention"(%q, %q, %q, %m, %m) <{scale = 1.0 : f32}> : (tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>, tensor<1x1x4x4xi1>, tensor<1x1x4x4xi1>) -> tensor<1x2x4x8xf32>
  return
}
