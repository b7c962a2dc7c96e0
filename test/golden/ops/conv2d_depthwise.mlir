// conv2d_depthwise: kiln.conv2d depthwise (groups = C = 3), padding 1, batch 2
// Expected values: PyTorch float64 F.conv2d(groups=3).
// RUN: kilnc run %s --device reference --inputs %S/conv2d_depthwise.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/conv2d_depthwise.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%x: tensor<2x3x4x4xf32> {kiln.name = "x"}, %w: tensor<3x1x3x3xf32> {kiln.name = "w"}) -> (tensor<2x3x4x4xf32> {kiln.name = "y"}) {
  %y = kiln.conv2d %x, %w {padding = array<i64: 1, 1, 1, 1>, groups = 3 : i64} : tensor<2x3x4x4xf32>, tensor<3x1x3x3xf32>
  return %y : tensor<2x3x4x4xf32>
}
