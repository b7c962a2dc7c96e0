func.func @gather_axis_out_of_range(%t: tensor<10x8xf32>, %i: tensor<3xi32>) {
  // expected-error @+1 {{'kiln.gather' op axis = -3 is out of range for rank 2 (expected -2 <= axis < 2)}}
  %0 = kiln.gather %t, %i {axis = -3 : i64} : tensor<10x8xf32>, tensor<3xi32>
  return
}
