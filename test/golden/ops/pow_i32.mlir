// pow_i32: integer kiln.pow: exact with wrap-around (3^25 overflows i32), 0^0 = 1
// Expected values: exact Python integer ** wrapped to i32.
// RUN: kilnc run %s --device reference --inputs %S/pow_i32.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/pow_i32.out.safetensors --rtol 0 --atol 0

func.func @main(%a: tensor<1x8xi32> {kiln.name = "a"}, %b: tensor<4x1xi32> {kiln.name = "b"}) -> (tensor<4x8xi32> {kiln.name = "y"}) {
  %y = kiln.pow %a, %b : tensor<1x8xi32>, tensor<4x1xi32>
  return %y : tensor<4x8xi32>
}
