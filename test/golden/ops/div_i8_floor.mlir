// div_i8_floor: integer kiln.div on i8: floor division, -128 / -1 wraps to -128
// Expected values: exact Python floor division (//) wrapped to i8.
// RUN: kilnc run %s --device reference --inputs %S/div_i8_floor.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/div_i8_floor.out.safetensors --rtol 0 --atol 0

func.func @main(%a: tensor<1x8xi8> {kiln.name = "a"}, %b: tensor<1x8xi8> {kiln.name = "b"}) -> (tensor<1x8xi8> {kiln.name = "y"}) {
  %y = kiln.div %a, %b : tensor<1x8xi8>, tensor<1x8xi8>
  return %y : tensor<1x8xi8>
}
