// conv_transpose2d_dilation: kiln.conv_transpose2d stride [1,2], padding [0,1], dilation 2, output_padding [0,1]
// Expected values: PyTorch float64 F.conv_transpose2d.
// RUN: kilnc run %s --device reference --inputs %S/conv_transpose2d_dilation.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/conv_transpose2d_dilation.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%x: tensor<1x2x3x4xf32> {kiln.name = "x"}, %w: tensor<2x2x3x2xf32> {kiln.name = "w"}) -> (tensor<1x2x7x8xf32> {kiln.name = "y"}) {
  %y = kiln.conv_transpose2d %x, %w {stride = array<i64: 1, 2>, padding = array<i64: 0, 1>, output_padding = array<i64: 0, 1>, dilation = array<i64: 2, 2>} : tensor<1x2x3x4xf32>, tensor<2x2x3x2xf32>
  return %y : tensor<1x2x7x8xf32>
}
