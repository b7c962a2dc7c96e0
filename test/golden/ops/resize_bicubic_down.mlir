// resize_bicubic_down: kiln.resize bicubic without antialias, 7x7 -> 3x4 (taps clamped at the edges)
// Expected values: PyTorch float64 F.interpolate(size=(3, 4), mode='bicubic', align_corners=False, antialias=False), cross-checked against a numpy transcription of reference-semantics.md.
// RUN: kilnc run %s --device reference --inputs %S/resize_bicubic_down.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/resize_bicubic_down.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%x: tensor<1x2x7x7xf32> {kiln.name = "x"}) -> (tensor<1x2x3x4xf32> {kiln.name = "y"}) {
  %y = kiln.resize %x {mode = "bicubic"} : tensor<1x2x7x7xf32> -> tensor<1x2x3x4xf32>
  return %y : tensor<1x2x3x4xf32>
}
