// conv_transpose2d_pad_outpad_groups: kiln.conv_transpose2d stride 2, padding 1, output_padding 1, groups 2
// Expected values: PyTorch float64 F.conv_transpose2d.
// RUN: kilnc run %s --device reference --inputs %S/conv_transpose2d_pad_outpad_groups.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/conv_transpose2d_pad_outpad_groups.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%x: tensor<1x4x3x3xf32> {kiln.name = "x"}, %w: tensor<4x2x3x3xf32> {kiln.name = "w"}) -> (tensor<1x4x6x6xf32> {kiln.name = "y"}) {
  %y = kiln.conv_transpose2d %x, %w {stride = array<i64: 2, 2>, padding = array<i64: 1, 1>, output_padding = array<i64: 1, 1>, groups = 2 : i64} : tensor<1x4x3x3xf32>, tensor<4x2x3x3xf32>
  return %y : tensor<1x4x6x6xf32>
}
