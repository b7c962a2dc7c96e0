// broadcast_to: kiln.broadcast_to [2,1,4] -> [2,3,4] and i1 [1,1] -> [3,5]
// Expected values: torch.expand.
// RUN: kilnc run %s --device reference --inputs %S/broadcast_to.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/broadcast_to.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%x: tensor<2x1x4xf32> {kiln.name = "x"}, %m: tensor<1x1xi1> {kiln.name = "m"}) -> (tensor<2x3x4xf32> {kiln.name = "y"}, tensor<3x5xi1> {kiln.name = "mm"}) {
  %y = kiln.broadcast_to %x : tensor<2x1x4xf32> -> tensor<2x3x4xf32>
  %mm = kiln.broadcast_to %m : tensor<1x1xi1> -> tensor<3x5xi1>
  return %y, %mm : tensor<2x3x4xf32>, tensor<3x5xi1>
}
