// layer_norm_last: kiln.layer_norm over the last axis (eps 1e-5), biased variance
// Expected values: PyTorch float64 F.layer_norm without affine.
// RUN: kilnc run %s --device reference --inputs %S/layer_norm_last.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/layer_norm_last.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%x: tensor<3x16xf32> {kiln.name = "x"}) -> (tensor<3x16xf32> {kiln.name = "y"}) {
  %y = kiln.layer_norm %x : tensor<3x16xf32>
  return %y : tensor<3x16xf32>
}
