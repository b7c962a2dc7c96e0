func.func @argmax_axis_out_of_range(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{'kiln.argmax' op axis = -3 is out of range for rank 2}}
  %0 = kiln.argmax %x {axis = -3 : i64} : tensor<4x8xf32>
  return
}
