// compare_f32: kiln.compare, every predicate, with broadcasting, equal values and NaN (unordered: only ne is true)
// Expected values: PyTorch torch.eq/ne/lt/le/gt/ge on float64.
// RUN: kilnc run %s --device reference --inputs %S/compare_f32.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/compare_f32.out.safetensors --rtol 0 --atol 0

func.func @main(%a: tensor<4x6xf32> {kiln.name = "a"}, %b: tensor<1x6xf32> {kiln.name = "b"}) -> (tensor<4x6xi1> {kiln.name = "eq"}, tensor<4x6xi1> {kiln.name = "ne"}, tensor<4x6xi1> {kiln.name = "lt"}, tensor<4x6xi1> {kiln.name = "le"}, tensor<4x6xi1> {kiln.name = "gt"}, tensor<4x6xi1> {kiln.name = "ge"}) {
  %eq = kiln.compare %a, %b {predicate = "eq"} : tensor<4x6xf32>, tensor<1x6xf32>
  %ne = kiln.compare %a, %b {predicate = "ne"} : tensor<4x6xf32>, tensor<1x6xf32>
  %lt = kiln.compare %a, %b {predicate = "lt"} : tensor<4x6xf32>, tensor<1x6xf32>
  %le = kiln.compare %a, %b {predicate = "le"} : tensor<4x6xf32>, tensor<1x6xf32>
  %gt = kiln.compare %a, %b {predicate = "gt"} : tensor<4x6xf32>, tensor<1x6xf32>
  %ge = kiln.compare %a, %b {predicate = "ge"} : tensor<4x6xf32>, tensor<1x6xf32>
  return %eq, %ne, %lt, %le, %gt, %ge : tensor<4x6xi1>, tensor<4x6xi1>, tensor<4x6xi1>, tensor<4x6xi1>, tensor<4x6xi1>, tensor<4x6xi1>
}
