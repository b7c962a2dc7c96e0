// gather_axis0_i64: kiln.gather axis 0 with [2,3] i64 indices incl. negative (-1, -5)
// Expected values: numpy take.
// RUN: kilnc run %s --device reference --inputs %S/gather_axis0_i64.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/gather_axis0_i64.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%table: tensor<5x4xf32> {kiln.name = "table"}, %ids: tensor<2x3xi64> {kiln.name = "ids"}) -> (tensor<2x3x4xf32> {kiln.name = "y"}) {
  %y = kiln.gather %table, %ids : tensor<5x4xf32>, tensor<2x3xi64>
  return %y : tensor<2x3x4xf32>
}
