// Generic form: the result shape of a slice is verified.
func.func @slice_generic_wrong_result(%x: tensor<4x8xf32>) {
  // expected-error @+2 {{'kiln.slice' op inferred type(s) 'tensor<4x4xf32>' are incompatible with return type(s) of operation 'tensor<4x3xf32>'}}
  // expected-error @+1 {{'kiln.slice' op failed to infer returned types}}
  %0 = "kiln.slice"(%x) <{start = array<i64: 0, 1>, limit = array<i64: 4, 8>, stride = array<i64: 1, 2>}> : (tensor<4x8xf32>) -> tensor<4x3xf32>
  return
}
