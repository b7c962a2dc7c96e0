// gather_out_of_range: kiln.gather with index 5 on a dimension of 5 is an error on the reference device
// Expected values: none: the run must fail.
// RUN: not kilnc run %s --device reference --inputs %S/gather_out_of_range.in.safetensors --output %t.safetensors 2>&1 | FileCheck %s
// CHECK: kilnc: error: {{.*}}'kiln.gather' op {{.*}}is out of range for axis

func.func @main(%table: tensor<5x4xf32> {kiln.name = "table"}, %ids: tensor<2xi64> {kiln.name = "ids"}) -> (tensor<2x4xf32> {kiln.name = "y"}) {
  %y = kiln.gather %table, %ids : tensor<5x4xf32>, tensor<2xi64>
  return %y : tensor<2x4xf32>
}
