// add_f16: kiln.add on f16, broadcasting [2,1,4] + [2,3,4]
// Expected values: PyTorch float64.
// RUN: kilnc run %s --device reference --inputs %S/add_f16.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/add_f16.out.safetensors --rtol 1e-3 --atol 1e-5

func.func @main(%a: tensor<2x1x4xf16> {kiln.name = "a"}, %b: tensor<2x3x4xf16> {kiln.name = "b"}) -> (tensor<2x3x4xf16> {kiln.name = "y"}) {
  %y = kiln.add %a, %b : tensor<2x1x4xf16>, tensor<2x3x4xf16>
  return %y : tensor<2x3x4xf16>
}
