func.func @main(%x: tensor<2x3xf32> {kiln.name = "x"}) -> tensor<2x3xf32> {
  %0 = kiln.softmax %x {axis = 5 : i64} : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}
