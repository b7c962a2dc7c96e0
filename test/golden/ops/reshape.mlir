// reshape: kiln.reshape keeps row-major order (rank 3 -> 2, 3 -> 1, i1)
// Expected values: torch.reshape.
// RUN: kilnc run %s --device reference --inputs %S/reshape.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/reshape.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%x: tensor<2x3x4xf32> {kiln.name = "x"}, %m: tensor<2x3xi1> {kiln.name = "m"}) -> (tensor<4x6xf32> {kiln.name = "y"}, tensor<24xf32> {kiln.name = "z"}, tensor<3x1x2xi1> {kiln.name = "mm"}) {
  %y = kiln.reshape %x : tensor<2x3x4xf32> -> tensor<4x6xf32>
  %z = kiln.reshape %x : tensor<2x3x4xf32> -> tensor<24xf32>
  %mm = kiln.reshape %m : tensor<2x3xi1> -> tensor<3x1x2xi1>
  return %y, %z, %mm : tensor<4x6xf32>, tensor<24xf32>, tensor<3x1x2xi1>
}
