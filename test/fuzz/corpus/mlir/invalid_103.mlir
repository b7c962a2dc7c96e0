func.func @topk_axis_out_of_range(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{'kiln.topk' op axis = 5 is out of range for rank 2 (expected -2 <= axis < 2)}}
  %0:2 = kiln.topk %x {k = 2 : i64, axis = 5 : i64} : tensor<4x8xf32>
  return
}
