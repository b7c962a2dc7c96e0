// conv2d_pad1: kiln.conv2d 3x3, padding [1,1,1,1]
// Expected values: PyTorch float64 F.conv2d.
// RUN: kilnc run %s --device reference --inputs %S/conv2d_pad1.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/conv2d_pad1.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%x: tensor<1x3x5x5xf32> {kiln.name = "x"}, %w: tensor<4x3x3x3xf32> {kiln.name = "w"}) -> (tensor<1x4x5x5xf32> {kiln.name = "y"}) {
  %y = kiln.conv2d %x, %w {padding = array<i64: 1, 1, 1, 1>} : tensor<1x3x5x5xf32>, tensor<4x3x3x3xf32>
  return %y : tensor<1x4x5x5xf32>
}
