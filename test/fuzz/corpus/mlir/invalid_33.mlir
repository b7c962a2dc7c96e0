func.func @compare_missing_predicate(%x: tensor<4xf32>) {
  // expected-error @+1 {{'kiln.compare' op requires attribute 'predicate'}}
  %0 = kiln.compare %x, %x : tensor<4xf32>, tensor<4xf32>
  return
}
