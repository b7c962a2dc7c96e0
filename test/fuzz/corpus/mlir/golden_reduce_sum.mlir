// reduce_sum: kiln.reduce_sum over the last axis, and over axes [0, 2] with keepdim
// Expected values: PyTorch float64 torch.sum.
// RUN: kilnc run %s --device reference --inputs %S/reduce_sum.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/reduce_sum.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%x: tensor<4x6xf32> {kiln.name = "x"}, %z: tensor<2x3x4xf32> {kiln.name = "z"}) -> (tensor<4xf32> {kiln.name = "y"}, tensor<1x3x1xf32> {kiln.name = "w"}) {
  %y = kiln.reduce_sum %x {axes = array<i64: -1>} : tensor<4x6xf32>
  %w = kiln.reduce_sum %z {axes = array<i64: 0, 2>, keepdim = true} : tensor<2x3x4xf32>
  return %y, %w : tensor<4xf32>, tensor<1x3x1xf32>
}
