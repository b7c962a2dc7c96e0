// Constant folding with broadcasting: [[1], [2]] + [10, 20, 30].
func.func @fold_add_broadcast() -> tensor<2x3xf32> {
  %a = kiln.constant dense<[[1.0], [2.0]]> : tensor<2x1xf32>
  %b = kiln.constant dense<[[10.0, 20.0, 30.0]]> : tensor<1x3xf32>
  %0 = kiln.add %a, %b : tensor<2x1xf32>, tensor<1x3xf32>
  return %0 : tensor<2x3xf32>
}
