// max_min_i32: kiln.max / kiln.min on i32 with broadcasting
// Expected values: PyTorch torch.maximum / minimum.
// RUN: kilnc run %s --device reference --inputs %S/max_min_i32.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/max_min_i32.out.safetensors --rtol 0 --atol 0

func.func @main(%a: tensor<3x5xi32> {kiln.name = "a"}, %b: tensor<3x1xi32> {kiln.name = "b"}) -> (tensor<3x5xi32> {kiln.name = "mx"}, tensor<3x5xi32> {kiln.name = "mn"}) {
  %mx = kiln.max %a, %b : tensor<3x5xi32>, tensor<3x1xi32>
  %mn = kiln.min %a, %b : tensor<3x5xi32>, tensor<3x1xi32>
  return %mx, %mn : tensor<3x5xi32>, tensor<3x5xi32>
}
