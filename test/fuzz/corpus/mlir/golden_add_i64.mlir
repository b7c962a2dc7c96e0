// add_i64: kiln.add on i64 with broadcasting beyond the i32 range
// Expected values: exact Python integer arithmetic.
// RUN: kilnc run %s --device reference --inputs %S/add_i64.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/add_i64.out.safetensors --rtol 0 --atol 0

func.func @main(%a: tensor<3x1xi64> {kiln.name = "a"}, %b: tensor<1x3xi64> {kiln.name = "b"}) -> (tensor<3x3xi64> {kiln.name = "y"}) {
  %y = kiln.add %a, %b : tensor<3x1xi64>, tensor<1x3xi64>
  return %y : tensor<3x3xi64>
}
