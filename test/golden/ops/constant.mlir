// constant: kiln.constant of f32, i32 (splat) and i1; an f32 constant added to an input
// Expected values: the literals; PyTorch float64 for the sum.
// RUN: kilnc run %s --device reference --inputs %S/constant.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/constant.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%x: tensor<2x3xf32> {kiln.name = "x"}) -> (tensor<2x3xf32> {kiln.name = "cf"}, tensor<2x3xi32> {kiln.name = "ci"}, tensor<3xi1> {kiln.name = "cm"}, tensor<2x3xf32> {kiln.name = "y"}) {
  %cf = kiln.constant dense<[[1.5, -2.0, 0.25], [3.0, 0.0, -0.125]]> : tensor<2x3xf32>
  %ci = kiln.constant dense<7> : tensor<2x3xi32>
  %cm = kiln.constant dense<[true, false, true]> : tensor<3xi1>
  %y = kiln.add %x, %cf : tensor<2x3xf32>, tensor<2x3xf32>
  return %cf, %ci, %cm, %y : tensor<2x3xf32>, tensor<2x3xi32>, tensor<3xi1>, tensor<2x3xf32>
}
