func.func @concat_axis_out_of_range(%a: tensor<2x4xf32>) {
  // expected-error @+1 {{'kiln.concat' op axis = 2 is out of range for rank 2 (expected -2 <= axis < 2)}}
  %0 = kiln.concat %a, %a {axis = 2 : i64} : tensor<2x4xf32>, tensor<2x4xf32>
  return
}
