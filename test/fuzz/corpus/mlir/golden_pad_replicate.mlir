// pad_replicate: kiln.pad replicate on H and W of NCHW, asymmetric
// Expected values: PyTorch float64 F.pad(mode='replicate').
// RUN: kilnc run %s --device reference --inputs %S/pad_replicate.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/pad_replicate.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%x: tensor<1x2x3x4xf32> {kiln.name = "x"}) -> (tensor<1x2x6x7xf32> {kiln.name = "y"}) {
  %y = kiln.pad %x {low = array<i64: 0, 0, 1, 2>, high = array<i64: 0, 0, 2, 1>, mode = "replicate"} : tensor<1x2x3x4xf32>
  return %y : tensor<1x2x6x7xf32>
}
