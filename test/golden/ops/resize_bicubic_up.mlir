// resize_bicubic_up: kiln.resize bicubic (a = -0.75), align_corners false, 4x4 -> 7x6
// Expected values: PyTorch float64 F.interpolate(size=(7, 6), mode='bicubic', align_corners=False, antialias=False), cross-checked against a numpy transcription of reference-semantics.md.
// RUN: kilnc run %s --device reference --inputs %S/resize_bicubic_up.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/resize_bicubic_up.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%x: tensor<1x1x4x4xf32> {kiln.name = "x"}) -> (tensor<1x1x7x6xf32> {kiln.name = "y"}) {
  %y = kiln.resize %x {mode = "bicubic"} : tensor<1x1x4x4xf32> -> tensor<1x1x7x6xf32>
  return %y : tensor<1x1x7x6xf32>
}
