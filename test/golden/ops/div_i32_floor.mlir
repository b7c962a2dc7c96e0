// div_i32_floor: integer kiln.div is floor division (-7 / 2 = -4), with broadcasting
// Expected values: PyTorch torch.div(rounding_mode='floor') on int64 (Python //).
// RUN: kilnc run %s --device reference --inputs %S/div_i32_floor.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/div_i32_floor.out.safetensors --rtol 0 --atol 0

func.func @main(%a: tensor<6x1xi32> {kiln.name = "a"}, %b: tensor<1x6xi32> {kiln.name = "b"}) -> (tensor<6x6xi32> {kiln.name = "y"}) {
  %y = kiln.div %a, %b : tensor<6x1xi32>, tensor<1x6xi32>
  return %y : tensor<6x6xi32>
}
