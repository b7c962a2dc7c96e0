func.func @decode_attention_q_rank(%q: tensor<4x1x64xf32>, %kc: tensor<1x2x16x64xf32>, %l: tensor<1x2xi32>) {
  // expected-error @+1 {{'kiln.decode_attention' op q must have rank 4, got rank 3 [4, 1, 64]}}
  %0 = kiln.decode_attention %q, %kc, %kc, %l {scale = 1.0 : f32} : tensor<4x1x64xf32>, tensor<1x2x16x64xf32>, tensor<1x2x16x64xf32>, tensor<1x2xi32>
  return
}
