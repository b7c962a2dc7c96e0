func.func @transpose_missing_perm(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{'kiln.transpose' op requires attribute 'perm'}}
  %0 = kiln.transpose %x : tensor<4x8xf32>
  return
}
