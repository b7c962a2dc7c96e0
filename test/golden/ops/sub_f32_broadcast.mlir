// sub_f32_broadcast: kiln.sub with broadcasting [4,1] - [1,8]
// Expected values: PyTorch float64.
// RUN: kilnc run %s --device reference --inputs %S/sub_f32_broadcast.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/sub_f32_broadcast.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%a: tensor<4x1xf32> {kiln.name = "a"}, %b: tensor<1x8xf32> {kiln.name = "b"}) -> (tensor<4x8xf32> {kiln.name = "y"}) {
  %y = kiln.sub %a, %b : tensor<4x1xf32>, tensor<1x8xf32>
  return %y : tensor<4x8xf32>
}
