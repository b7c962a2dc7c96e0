// conv2d_groups: kiln.conv2d groups = 2 (4 -> 6 channels)
// Expected values: PyTorch float64 F.conv2d(groups=2).
// RUN: kilnc run %s --device reference --inputs %S/conv2d_groups.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/conv2d_groups.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%x: tensor<1x4x5x5xf32> {kiln.name = "x"}, %w: tensor<6x2x3x3xf32> {kiln.name = "w"}) -> (tensor<1x6x3x3xf32> {kiln.name = "y"}) {
  %y = kiln.conv2d %x, %w {groups = 2 : i64} : tensor<1x4x5x5xf32>, tensor<6x2x3x3xf32>
  return %y : tensor<1x6x3x3xf32>
}
