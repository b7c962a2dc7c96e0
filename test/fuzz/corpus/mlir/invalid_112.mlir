func.func @log_softmax_axis_out_of_range(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{'kiln.log_softmax' op axis = -3 is out of range for rank 2 (expected -2 <= axis < 2)}}
  %0 = kiln.log_softmax %x {axis = -3 : i64} : tensor<4x8xf32>
  return
}
