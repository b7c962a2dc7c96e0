func.func @softmax_axis_out_of_range(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{'kiln.softmax' op axis = 2 is out of range for rank 2 (expected -2 <= axis < 2)}}
  %0 = kiln.softmax %x {axis = 2 : i64} : tensor<4x8xf32>
  return
}
