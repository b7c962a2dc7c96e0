// pad_constant: kiln.pad constant with value -1.5, low/high per dim on all three dims
// Expected values: PyTorch float64 F.pad(mode='constant').
// RUN: kilnc run %s --device reference --inputs %S/pad_constant.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/pad_constant.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%x: tensor<2x3x4xf32> {kiln.name = "x"}) -> (tensor<3x4x7xf32> {kiln.name = "y"}) {
  %y = kiln.pad %x {low = array<i64: 0, 1, 2>, high = array<i64: 1, 0, 1>, value = -1.5 : f32} : tensor<2x3x4xf32>
  return %y : tensor<3x4x7xf32>
}
