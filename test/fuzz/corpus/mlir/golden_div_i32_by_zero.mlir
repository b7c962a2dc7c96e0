// div_i32_by_zero: integer kiln.div by zero is an error on the reference device
// Expected values: none: the run must fail.
// RUN: not kilnc run %s --device reference --inputs %S/div_i32_by_zero.in.safetensors --output %t.safetensors 2>&1 | FileCheck %s
// CHECK: kilnc: error: {{.*}}'kiln.div' op {{.*}}integer division by zero

func.func @main(%a: tensor<1x3xi32> {kiln.name = "a"}, %b: tensor<1x3xi32> {kiln.name = "b"}) -> (tensor<1x3xi32> {kiln.name = "y"}) {
  %y = kiln.div %a, %b : tensor<1x3xi32>, tensor<1x3xi32>
  return %y : tensor<1x3xi32>
}
