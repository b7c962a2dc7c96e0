// clamp_i32: kiln.clamp on i32 with integral bounds (results stay integers)
// Expected values: PyTorch torch.clamp on int64.
// RUN: kilnc run %s --device reference --inputs %S/clamp_i32.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/clamp_i32.out.safetensors --rtol 0 --atol 0

func.func @main(%x: tensor<3x8xi32> {kiln.name = "x"}) -> (tensor<3x8xi32> {kiln.name = "y"}) {
  %y = kiln.clamp %x {min = -3.0 : f32, max = 4.0 : f32} : tensor<3x8xi32>
  return %y : tensor<3x8xi32>
}
