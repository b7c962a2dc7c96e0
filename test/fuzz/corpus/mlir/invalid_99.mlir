func.func @reduce_generic_wrong_result(%x: tensor<4x8xf32>) {
  // expected-error @+2 {{'kiln.reduce_sum' op inferred type(s) 'tensor<4xf32>' are incompatible with return type(s) of operation 'tensor<4x1xf32>'}}
  // expected-error @+1 {{'kiln.reduce_sum' op failed to infer returned types}}
  %0 = "kiln.reduce_sum"(%x) <{axes = array<i64: 1>}> : (tensor<4x8xf32>) -> tensor<4x1xf32>
  return
}
