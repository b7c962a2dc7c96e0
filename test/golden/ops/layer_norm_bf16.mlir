// layer_norm_bf16: kiln.layer_norm on bf16 (statistics in double, rounded once)
// Expected values: PyTorch float64 F.layer_norm.
// RUN: kilnc run %s --device reference --inputs %S/layer_norm_bf16.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/layer_norm_bf16.out.safetensors --rtol 8e-3 --atol 1e-4

func.func @main(%x: tensor<4x16xbf16> {kiln.name = "x"}) -> (tensor<4x16xbf16> {kiln.name = "y"}) {
  %y = kiln.layer_norm %x : tensor<4x16xbf16>
  return %y : tensor<4x16xbf16>
}
