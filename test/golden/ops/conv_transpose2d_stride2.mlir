// conv_transpose2d_stride2: kiln.conv_transpose2d stride 2, kernel 2 (2x upsampling)
// Expected values: PyTorch float64 F.conv_transpose2d.
// RUN: kilnc run %s --device reference --inputs %S/conv_transpose2d_stride2.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/conv_transpose2d_stride2.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%x: tensor<1x2x3x3xf32> {kiln.name = "x"}, %w: tensor<2x3x2x2xf32> {kiln.name = "w"}) -> (tensor<1x3x6x6xf32> {kiln.name = "y"}) {
  %y = kiln.conv_transpose2d %x, %w {stride = array<i64: 2, 2>} : tensor<1x2x3x3xf32>, tensor<2x3x2x2xf32>
  return %y : tensor<1x3x6x6xf32>
}
