// perm [1, 2, 0] after [0, 2, 1]: result dim i = x dim inner[outer[i]].
func.func @transpose_of_transpose(%x: tensor<2x3x4xf32>) -> tensor<4x3x2xf32> {
  %0 = kiln.transpose %x {perm = array<i64: 0, 2, 1>} : tensor<2x3x4xf32>
  %1 = kiln.transpose %0 {perm = array<i64: 1, 2, 0>} : tensor<2x4x3xf32>
  return %1 : tensor<4x3x2xf32>
}
