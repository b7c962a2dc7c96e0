// argmax_ties: kiln.argmax along the last axis with ties (first maximal index wins), along axis 0 with keepdim, and on i32
// Expected values: numpy argmax (first maximal index).
// RUN: kilnc run %s --device reference --inputs %S/argmax_ties.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/argmax_ties.out.safetensors --rtol 0 --atol 0

func.func @main(%x: tensor<3x6xf32> {kiln.name = "x"}, %n: tensor<2x4xi32> {kiln.name = "n"}) -> (tensor<3xi64> {kiln.name = "a"}, tensor<1x6xi64> {kiln.name = "b"}, tensor<2xi64> {kiln.name = "d"}) {
  %a = kiln.argmax %x {axis = -1 : i64} : tensor<3x6xf32>
  %b = kiln.argmax %x {axis = 0 : i64, keepdim = true} : tensor<3x6xf32>
  %d = kiln.argmax %n {axis = 1 : i64} : tensor<2x4xi32>
  return %a, %b, %d : tensor<3xi64>, tensor<1x6xi64>, tensor<2xi64>
}
