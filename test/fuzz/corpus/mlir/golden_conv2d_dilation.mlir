// conv2d_dilation: kiln.conv2d dilation [2,2], stride [2,1], padding [2,1,2,0]
// Expected values: PyTorch float64 F.conv2d after F.pad.
// RUN: kilnc run %s --device reference --inputs %S/conv2d_dilation.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/conv2d_dilation.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%x: tensor<1x2x7x7xf32> {kiln.name = "x"}, %w: tensor<2x2x3x3xf32> {kiln.name = "w"}) -> (tensor<1x2x3x5xf32> {kiln.name = "y"}) {
  %y = kiln.conv2d %x, %w {stride = array<i64: 2, 1>, padding = array<i64: 2, 1, 2, 0>, dilation = array<i64: 2, 2>} : tensor<1x2x7x7xf32>, tensor<2x2x3x3xf32>
  return %y : tensor<1x2x3x5xf32>
}
