func.func @decode_attention_missing_scale(%q: tensor<1x4x1x64xf32>, %kc: tensor<1x2x16x64xf32>, %l: tensor<1x2xi32>) {
  // expected-error @+1 {{'kiln.decode_attention' op requires attribute 'scale'}}
  %0 = kiln.decode_attention %q, %kc, %kc, %l : tensor<1x4x1x64xf32>, tensor<1x2x16x64xf32>, tensor<1x2x16x64xf32>, tensor<1x2xi32>
  return
}
