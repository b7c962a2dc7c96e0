// pow_i32_negative_exponent: integer kiln.pow with a negative exponent is an error on the reference device (PyTorch raises too)
// Expected values: none: the run must fail.
// RUN: not kilnc run %s --device reference --inputs %S/pow_i32_negative_exponent.in.safetensors --output %t.safetensors 2>&1 | FileCheck %s
// CHECK: kilnc: error: {{.*}}'kiln.pow' op {{.*}}integer pow with a negative exponent

func.func @main(%a: tensor<1x3xi32> {kiln.name = "a"}, %b: tensor<1x3xi32> {kiln.name = "b"}) -> (tensor<1x3xi32> {kiln.name = "y"}) {
  %y = kiln.pow %a, %b : tensor<1x3xi32>, tensor<1x3xi32>
  return %y : tensor<1x3xi32>
}
