func.func @softmax_scalar(%x: tensor<f32>) {
  // expected-error @+1 {{'kiln.softmax' op axis = -1 is out of range for rank 0 (expected 0 <= axis < 0)}}
  %0 = kiln.softmax %x : tensor<f32>
  return
}
