// pow_f32: kiln.pow, positive bases [4,8] to exponents [1,8] in [-2, 3]
// Expected values: PyTorch float64.
// RUN: kilnc run %s --device reference --inputs %S/pow_f32.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/pow_f32.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%a: tensor<4x8xf32> {kiln.name = "a"}, %b: tensor<1x8xf32> {kiln.name = "b"}) -> (tensor<4x8xf32> {kiln.name = "y"}) {
  %y = kiln.pow %a, %b : tensor<4x8xf32>, tensor<1x8xf32>
  return %y : tensor<4x8xf32>
}
