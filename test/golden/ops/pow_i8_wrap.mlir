// pow_i8_wrap: integer kiln.pow on i8 wraps (2^7 = -128, 3^5 = -13)
// Expected values: exact Python integer ** wrapped to i8.
// RUN: kilnc run %s --device reference --inputs %S/pow_i8_wrap.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/pow_i8_wrap.out.safetensors --rtol 0 --atol 0

func.func @main(%a: tensor<1x6xi8> {kiln.name = "a"}, %b: tensor<1x6xi8> {kiln.name = "b"}) -> (tensor<1x6xi8> {kiln.name = "y"}) {
  %y = kiln.pow %a, %b : tensor<1x6xi8>, tensor<1x6xi8>
  return %y : tensor<1x6xi8>
}
