// resize_bicubic_align_corners: kiln.resize bicubic, align_corners true, 4x4 -> 6x7
// Expected values: PyTorch float64 F.interpolate(size=(6, 7), mode='bicubic', align_corners=True, antialias=False), cross-checked against a numpy transcription of reference-semantics.md.
// RUN: kilnc run %s --device reference --inputs %S/resize_bicubic_align_corners.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/resize_bicubic_align_corners.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%x: tensor<1x1x4x4xf32> {kiln.name = "x"}) -> (tensor<1x1x6x7xf32> {kiln.name = "y"}) {
  %y = kiln.resize %x {mode = "bicubic", align_corners = true} : tensor<1x1x4x4xf32> -> tensor<1x1x6x7xf32>
  return %y : tensor<1x1x6x7xf32>
}
