func.func @reduce_axis_out_of_range(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{'kiln.reduce_mean' op axes = 2 is out of range for rank 2 (expected -2 <= axes < 2)}}
  %0 = kiln.reduce_mean %x {axes = array<i64: 2>} : tensor<4x8xf32>
  return
}
