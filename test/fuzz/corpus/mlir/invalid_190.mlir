func.func @attention_mask_int(%q: tensor<1x2x4x8xf32>, %m: tensor<1x1x4x4xi32>) {
  // expected-error @+1 {{'kiln.attention' op operand #3 must be statically shaped tensor (at most 2^48 elements) of 1-bit signless integer or 32-bit float or 16-bit float or bfloat16 type values, but got 'tensor<1x1x4x4xi32>'}}
  %0 = kiln.attention %q, %q, %q, %m {scale = 1.0 : f32} : tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>, tensor<1x1x4x4xi32>
  return
}
