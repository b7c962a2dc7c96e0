// reduce_mean_i32: kiln.reduce_mean on i32: the double mean rounded half to even (1.5 -> 2, 2.5 -> 2, -2.5 -> -2)
// Expected values: reference-semantics.md: numpy rint of the float64 mean.
// RUN: kilnc run %s --device reference --inputs %S/reduce_mean_i32.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/reduce_mean_i32.out.safetensors --rtol 0 --atol 0

func.func @main(%x: tensor<6x2xi32> {kiln.name = "x"}) -> (tensor<6xi32> {kiln.name = "y"}) {
  %y = kiln.reduce_mean %x {axes = array<i64: 1>} : tensor<6x2xi32>
  return %y : tensor<6xi32>
}
