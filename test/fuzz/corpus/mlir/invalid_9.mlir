func.func @iota_missing_dim() {
  // expected-error @+1 {{'kiln.iota' op requires attribute 'dim'}}
  %i = kiln.iota : tensor<4xi32>
  return
}
