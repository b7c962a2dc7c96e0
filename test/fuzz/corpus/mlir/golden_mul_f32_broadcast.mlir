// mul_f32_broadcast: kiln.mul with broadcasting [2,3,4] * [2,1,4]
// Expected values: PyTorch float64.
// RUN: kilnc run %s --device reference --inputs %S/mul_f32_broadcast.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/mul_f32_broadcast.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%a: tensor<2x3x4xf32> {kiln.name = "a"}, %b: tensor<2x1x4xf32> {kiln.name = "b"}) -> (tensor<2x3x4xf32> {kiln.name = "y"}) {
  %y = kiln.mul %a, %b : tensor<2x3x4xf32>, tensor<2x1x4xf32>
  return %y : tensor<2x3x4xf32>
}
