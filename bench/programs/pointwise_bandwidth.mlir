// Bandwidth: y = silu(x · 2 + 1) over 64 Mi f32 (256 MiB in, 256 MiB out).
func.func @main(%x: tensor<67108864xf32> {kiln.name = "x"}) -> (tensor<67108864xf32> {kiln.name = "y"}) {
  %two = kiln.constant dense<2.0> : tensor<1xf32>
  %one = kiln.constant dense<1.0> : tensor<1xf32>
  %0 = kiln.mul %x, %two : tensor<67108864xf32>, tensor<1xf32>
  %1 = kiln.add %0, %one : tensor<67108864xf32>, tensor<1xf32>
  %2 = kiln.silu %1 : tensor<67108864xf32>
  return %2 : tensor<67108864xf32>
}
