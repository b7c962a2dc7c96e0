// gather_axis1_i32: kiln.gather axis 1 with [2,2] i32 indices (result [3,2,2,2]); bf16 table
// Expected values: numpy take.
// RUN: kilnc run %s --device reference --inputs %S/gather_axis1_i32.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/gather_axis1_i32.out.safetensors --rtol 8e-3 --atol 1e-4

func.func @main(%table: tensor<3x6x2xbf16> {kiln.name = "table"}, %ids: tensor<2x2xi32> {kiln.name = "ids"}) -> (tensor<3x2x2x2xbf16> {kiln.name = "y"}) {
  %y = kiln.gather %table, %ids {axis = 1 : i64} : tensor<3x6x2xbf16>, tensor<2x2xi32>
  return %y : tensor<3x2x2x2xbf16>
}
