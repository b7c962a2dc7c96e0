// conv1d_stride_dilation: kiln.conv1d stride 2, dilation 2, padding [1, 2]
// Expected values: PyTorch float64 F.conv1d after F.pad (1, 2).
// RUN: kilnc run %s --device reference --inputs %S/conv1d_stride_dilation.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/conv1d_stride_dilation.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%x: tensor<2x3x9xf32> {kiln.name = "x"}, %w: tensor<2x3x3xf32> {kiln.name = "w"}) -> (tensor<2x2x4xf32> {kiln.name = "y"}) {
  %y = kiln.conv1d %x, %w {stride = 2 : i64, dilation = 2 : i64, padding = array<i64: 1, 2>} : tensor<2x3x9xf32>, tensor<2x3x3xf32>
  return %y : tensor<2x2x4xf32>
}
