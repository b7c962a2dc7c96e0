// layer_norm_two_axes: kiln.layer_norm over axes [-2, -1]
// Expected values: PyTorch float64 F.layer_norm.
// RUN: kilnc run %s --device reference --inputs %S/layer_norm_two_axes.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/layer_norm_two_axes.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%x: tensor<2x3x8xf32> {kiln.name = "x"}) -> (tensor<2x3x8xf32> {kiln.name = "y"}) {
  %y = kiln.layer_norm %x {axes = array<i64: -2, -1>} : tensor<2x3x8xf32>
  return %y : tensor<2x3x8xf32>
}
