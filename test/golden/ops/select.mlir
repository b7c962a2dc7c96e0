// select: kiln.select (cond i1, a, b) with all three broadcasting: [4,1], [1,8], [4,8]
// Expected values: PyTorch torch.where.
// RUN: kilnc run %s --device reference --inputs %S/select.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/select.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%cond: tensor<4x1xi1> {kiln.name = "cond"}, %a: tensor<1x8xf32> {kiln.name = "a"}, %b: tensor<4x8xf32> {kiln.name = "b"}, %cf: tensor<4x8xi1> {kiln.name = "cf"}, %ia: tensor<4x8xi32> {kiln.name = "ia"}, %ib: tensor<4x8xi32> {kiln.name = "ib"}) -> (tensor<4x8xf32> {kiln.name = "y"}, tensor<4x8xi32> {kiln.name = "yi"}) {
  %y = kiln.select %cond, %a, %b : tensor<4x1xi1>, tensor<1x8xf32>, tensor<4x8xf32>
  %yi = kiln.select %cf, %ia, %ib : tensor<4x8xi1>, tensor<4x8xi32>, tensor<4x8xi32>
  return %y, %yi : tensor<4x8xf32>, tensor<4x8xi32>
}
