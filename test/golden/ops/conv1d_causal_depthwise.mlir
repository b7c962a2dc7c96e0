// conv1d_causal_depthwise: kiln.conv1d as Mamba's causal depthwise conv: groups = C = 4, padding [K-1, 0] with K = 3
// Expected values: PyTorch float64 F.conv1d after F.pad (2, 0).
// RUN: kilnc run %s --device reference --inputs %S/conv1d_causal_depthwise.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/conv1d_causal_depthwise.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%x: tensor<1x4x6xf32> {kiln.name = "x"}, %w: tensor<4x1x3xf32> {kiln.name = "w"}) -> (tensor<1x4x6xf32> {kiln.name = "y"}) {
  %y = kiln.conv1d %x, %w {groups = 4 : i64, padding = array<i64: 2, 0>} : tensor<1x4x6xf32>, tensor<4x1x3xf32>
  return %y : tensor<1x4x6xf32>
}
