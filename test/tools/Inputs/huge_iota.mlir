// A verifier-legal 4 TiB iota result.
func.func @main(%x: tensor<4xf32> {kiln.name = "x"}) -> (tensor<1048576x1048576xf32> {kiln.name = "y"}) {
  %c = kiln.iota {dim = 0 : i64} : tensor<1048576x1048576xf32>
  return %c : tensor<1048576x1048576xf32>
}
