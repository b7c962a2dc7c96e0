func.func @argmax_missing_axis(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{'kiln.argmax' op requires attribute 'axis'}}
  %0 = kiln.argmax %x : tensor<4x8xf32>
  return
}
