// resize_nearest_down: kiln.resize nearest (legacy) downsampling 8x6 -> 3x4
// Expected values: PyTorch float64 F.interpolate(size=(3, 4), mode='nearest'), cross-checked against a numpy transcription of reference-semantics.md.
// RUN: kilnc run %s --device reference --inputs %S/resize_nearest_down.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/resize_nearest_down.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%x: tensor<1x1x8x6xf32> {kiln.name = "x"}) -> (tensor<1x1x3x4xf32> {kiln.name = "y"}) {
  %y = kiln.resize %x {mode = "nearest"} : tensor<1x1x8x6xf32> -> tensor<1x1x3x4xf32>
  return %y : tensor<1x1x3x4xf32>
}
