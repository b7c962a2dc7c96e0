// resize_bilinear_down: kiln.resize bilinear without antialias, 8x8 -> 3x5
// Expected values: PyTorch float64 F.interpolate(size=(3, 5), mode='bilinear', align_corners=False, antialias=False), cross-checked against a numpy transcription of reference-semantics.md.
// RUN: kilnc run %s --device reference --inputs %S/resize_bilinear_down.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/resize_bilinear_down.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%x: tensor<1x1x8x8xf32> {kiln.name = "x"}) -> (tensor<1x1x3x5xf32> {kiln.name = "y"}) {
  %y = kiln.resize %x {mode = "bilinear"} : tensor<1x1x8x8xf32> -> tensor<1x1x3x5xf32>
  return %y : tensor<1x1x3x5xf32>
}
