// add_sub_mul_i32: kiln.add / sub / mul on i32 with broadcasting and two's-complement wrap
// Expected values: exact Python integer arithmetic wrapped to i32 (as PyTorch int32 tensors).
// RUN: kilnc run %s --device reference --inputs %S/add_sub_mul_i32.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/add_sub_mul_i32.out.safetensors --rtol 0 --atol 0

func.func @main(%a: tensor<3x4xi32> {kiln.name = "a"}, %b: tensor<1x4xi32> {kiln.name = "b"}) -> (tensor<3x4xi32> {kiln.name = "s"}, tensor<3x4xi32> {kiln.name = "d"}, tensor<3x4xi32> {kiln.name = "p"}) {
  %s = kiln.add %a, %b : tensor<3x4xi32>, tensor<1x4xi32>
  %d = kiln.sub %a, %b : tensor<3x4xi32>, tensor<1x4xi32>
  %p = kiln.mul %a, %b : tensor<3x4xi32>, tensor<1x4xi32>
  return %s, %d, %p : tensor<3x4xi32>, tensor<3x4xi32>, tensor<3x4xi32>
}
