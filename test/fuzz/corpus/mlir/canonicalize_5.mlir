func.func @identity_movement(%x: tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>) {
  %0 = kiln.transpose %x {perm = array<i64: 0, 1>} : tensor<2x3xf32>
  %1 = kiln.cast %x : tensor<2x3xf32> to tensor<2x3xf32>
  %2 = kiln.broadcast_to %x : tensor<2x3xf32> -> tensor<2x3xf32>
  %3 = kiln.concat %x {axis = 0 : i64} : tensor<2x3xf32>
  %4 = kiln.slice %x {start = array<i64: 0, -3>, limit = array<i64: 2, 3>, stride = array<i64: 1, 1>} : tensor<2x3xf32>
  %5 = kiln.pad %x {low = array<i64: 0, 0>, high = array<i64: 0, 0>} : tensor<2x3xf32>
  return %0, %1, %2, %3, %4, %5 : tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>
}
