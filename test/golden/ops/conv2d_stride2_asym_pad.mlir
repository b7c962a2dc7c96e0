// conv2d_stride2_asym_pad: kiln.conv2d stride 2 with asymmetric padding [0,1,0,1] (VAE downsample)
// Expected values: PyTorch float64 F.conv2d after F.pad (0,1,0,1).
// RUN: kilnc run %s --device reference --inputs %S/conv2d_stride2_asym_pad.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/conv2d_stride2_asym_pad.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%x: tensor<1x2x6x6xf32> {kiln.name = "x"}, %w: tensor<3x2x3x3xf32> {kiln.name = "w"}) -> (tensor<1x3x3x3xf32> {kiln.name = "y"}) {
  %y = kiln.conv2d %x, %w {stride = array<i64: 2, 2>, padding = array<i64: 0, 1, 0, 1>} : tensor<1x2x6x6xf32>, tensor<3x2x3x3xf32>
  return %y : tensor<1x3x3x3xf32>
}
