// A verifier-legal 4 TiB splat constant (the attribute itself is one value).
func.func @main(%x: tensor<4xf32> {kiln.name = "x"}) -> (tensor<4xf32> {kiln.name = "y"}) {
  %c = kiln.constant dense<1.0> : tensor<1048576x1048576xf32>
  %s = kiln.reduce_sum %c {axes = array<i64: 0, 1>} : tensor<1048576x1048576xf32>
  %r = kiln.reshape %s : tensor<f32> -> tensor<1xf32>
  %y = kiln.add %x, %r : tensor<4xf32>, tensor<1xf32>
  return %y : tensor<4xf32>
}
