// reduce_sum_i32: kiln.reduce_sum on i32 over axis 1
// Expected values: exact integer sum.
// RUN: kilnc run %s --device reference --inputs %S/reduce_sum_i32.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/reduce_sum_i32.out.safetensors --rtol 0 --atol 0

func.func @main(%x: tensor<3x5xi32> {kiln.name = "x"}) -> (tensor<3xi32> {kiln.name = "y"}) {
  %y = kiln.reduce_sum %x {axes = array<i64: 1>} : tensor<3x5xi32>
  return %y : tensor<3xi32>
}
