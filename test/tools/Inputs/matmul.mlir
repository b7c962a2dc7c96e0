func.func @main(%x: tensor<2x3xf32> {kiln.name = "x"}) -> (tensor<2x4xf32> {kiln.name = "y"}) {
  %w = kiln.param "w" : tensor<3x4xf32>
  %0 = kiln.matmul %x, %w : tensor<2x3xf32>, tensor<3x4xf32>
  return %0 : tensor<2x4xf32>
}

func.func @other(%x: tensor<2x3xf32> {kiln.name = "x"}) -> tensor<2x3xf32> {
  return %x : tensor<2x3xf32>
}
