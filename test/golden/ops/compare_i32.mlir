// compare_i32: kiln.compare on i32, every predicate, with broadcasting
// Expected values: PyTorch comparisons on int64.
// RUN: kilnc run %s --device reference --inputs %S/compare_i32.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/compare_i32.out.safetensors --rtol 0 --atol 0

func.func @main(%a: tensor<4x1xi32> {kiln.name = "a"}, %b: tensor<1x5xi32> {kiln.name = "b"}) -> (tensor<4x5xi1> {kiln.name = "eq"}, tensor<4x5xi1> {kiln.name = "ne"}, tensor<4x5xi1> {kiln.name = "lt"}, tensor<4x5xi1> {kiln.name = "le"}, tensor<4x5xi1> {kiln.name = "gt"}, tensor<4x5xi1> {kiln.name = "ge"}) {
  %eq = kiln.compare %a, %b {predicate = "eq"} : tensor<4x1xi32>, tensor<1x5xi32>
  %ne = kiln.compare %a, %b {predicate = "ne"} : tensor<4x1xi32>, tensor<1x5xi32>
  %lt = kiln.compare %a, %b {predicate = "lt"} : tensor<4x1xi32>, tensor<1x5xi32>
  %le = kiln.compare %a, %b {predicate = "le"} : tensor<4x1xi32>, tensor<1x5xi32>
  %gt = kiln.compare %a, %b {predicate = "gt"} : tensor<4x1xi32>, tensor<1x5xi32>
  %ge = kiln.compare %a, %b {predicate = "ge"} : tensor<4x1xi32>, tensor<1x5xi32>
  return %eq, %ne, %lt, %le, %gt, %ge : tensor<4x5xi1>, tensor<4x5xi1>, tensor<4x5xi1>, tensor<4x5xi1>, tensor<4x5xi1>, tensor<4x5xi1>
}
