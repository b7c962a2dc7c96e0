// add_mul_i8_wrap: kiln.add / mul / sub on i8 wrap around (100 + 100 = -56)
// Expected values: exact Python integer arithmetic wrapped to i8.
// RUN: kilnc run %s --device reference --inputs %S/add_mul_i8_wrap.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/add_mul_i8_wrap.out.safetensors --rtol 0 --atol 0

func.func @main(%a: tensor<1x8xi8> {kiln.name = "a"}, %b: tensor<1x8xi8> {kiln.name = "b"}) -> (tensor<1x8xi8> {kiln.name = "s"}, tensor<1x8xi8> {kiln.name = "p"}, tensor<1x8xi8> {kiln.name = "d"}) {
  %s = kiln.add %a, %b : tensor<1x8xi8>, tensor<1x8xi8>
  %p = kiln.mul %a, %b : tensor<1x8xi8>, tensor<1x8xi8>
  %d = kiln.sub %a, %b : tensor<1x8xi8>, tensor<1x8xi8>
  return %s, %p, %d : tensor<1x8xi8>, tensor<1x8xi8>, tensor<1x8xi8>
}
