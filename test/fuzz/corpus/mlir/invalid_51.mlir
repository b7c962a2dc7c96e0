func.func @transpose_generic_wrong_result(%x: tensor<4x8xf32>) {
  // expected-error @+2 {{'kiln.transpose' op inferred type(s) 'tensor<8x4xf32>' are incompatible with return type(s) of operation 'tensor<4x8xf32>'}}
  // expected-error @+1 {{'kiln.transpose' op failed to infer returned types}}
  %0 = "kiln.transpose"(%x) <{perm = array<i64: 1, 0>}> : (tensor<4x8xf32>) -> tensor<4x8xf32>
  return
}
