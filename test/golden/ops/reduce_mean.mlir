// reduce_mean: kiln.reduce_mean over axis 1 keepdim, and over axes [-1, 0] without
// Expected values: PyTorch float64 torch.mean.
// RUN: kilnc run %s --device reference --inputs %S/reduce_mean.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/reduce_mean.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%x: tensor<4x6xf32> {kiln.name = "x"}, %z: tensor<2x3x4xf32> {kiln.name = "z"}) -> (tensor<4x1xf32> {kiln.name = "y"}, tensor<3xf32> {kiln.name = "w"}) {
  %y = kiln.reduce_mean %x {axes = array<i64: 1>, keepdim = true} : tensor<4x6xf32>
  %w = kiln.reduce_mean %z {axes = array<i64: -1, 0>} : tensor<2x3x4xf32>
  return %y, %w : tensor<4x1xf32>, tensor<3xf32>
}
