func.func @reduce_empty_axes(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{'kiln.reduce_sum' op axes must name at least one axis}}
  %0 = kiln.reduce_sum %x {axes = array<i64>} : tensor<4x8xf32>
  return
}
