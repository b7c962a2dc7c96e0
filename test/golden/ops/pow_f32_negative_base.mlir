// pow_f32_negative_base: kiln.pow with negative bases and integral exponents
// Expected values: PyTorch float64.
// RUN: kilnc run %s --device reference --inputs %S/pow_f32_negative_base.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/pow_f32_negative_base.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%a: tensor<3x4xf32> {kiln.name = "a"}, %b: tensor<1x4xf32> {kiln.name = "b"}) -> (tensor<3x4xf32> {kiln.name = "y"}) {
  %y = kiln.pow %a, %b : tensor<3x4xf32>, tensor<1x4xf32>
  return %y : tensor<3x4xf32>
}
