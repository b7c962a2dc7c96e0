// layer_norm_nchw_channels: kiln.layer_norm axes = [1] on NCHW (channel LayerNorm), eps 1e-6
// Expected values: PyTorch float64 (x - mean) / sqrt(var + eps) over dim 1 (biased var).
// RUN: kilnc run %s --device reference --inputs %S/layer_norm_nchw_channels.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/layer_norm_nchw_channels.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%x: tensor<2x4x3x3xf32> {kiln.name = "x"}) -> (tensor<2x4x3x3xf32> {kiln.name = "y"}) {
  %y = kiln.layer_norm %x {axes = array<i64: 1>, eps = 9.999999974752427e-07 : f32} : tensor<2x4x3x3xf32>
  return %y : tensor<2x4x3x3xf32>
}
