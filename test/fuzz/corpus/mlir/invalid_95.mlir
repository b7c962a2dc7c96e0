func.func @reduce_duplicate_axes(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{'kiln.reduce_max' op axes names axis 1 twice: [1, -1]}}
  %0 = kiln.reduce_max %x {axes = array<i64: 1, -1>} : tensor<4x8xf32>
  return
}
