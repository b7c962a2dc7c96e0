func.func @attention_colsum_generic_result(%q: tensor<1x8x64x64xbf16>, %k: tensor<1x2x64x64xbf16>) {
  // expected-error @+2 {{'kiln.attention_colsum' op inferred type(s) 'tensor<1x8x64xf32>' are incompatible with return type(s) of operation 'tensor<1x8x32xf32>'}}
  // expected-error @+1 {{'kiln.attention_colsum' op failed to infer returned types}}
  %0 = "kiln.attention_colsum"(%q, %k) <{scale = 1.0 : f32}> : (tensor<1x8x64x64xbf16>, tensor<1x2x64x64xbf16>) -> tensor<1x8x32xf32>
  return
}
