func.func @transpose_inverse(%x: tensor<2x3x4xf32>) -> tensor<2x3x4xf32> {
  %0 = kiln.transpose %x {perm = array<i64: 1, 2, 0>} : tensor<2x3x4xf32>
  %1 = kiln.transpose %0 {perm = array<i64: 2, 0, 1>} : tensor<3x4x2xf32>
  return %1 : tensor<2x3x4xf32>
}
