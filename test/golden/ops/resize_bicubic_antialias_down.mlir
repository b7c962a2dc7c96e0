// resize_bicubic_antialias_down: kiln.resize bicubic antialias downsampling 9x9 -> 4x3 (AA bicubic filter uses a = -0.5)
// Expected values: PyTorch float64 F.interpolate(size=(4, 3), mode='bicubic', align_corners=False, antialias=True), cross-checked against a numpy transcription of reference-semantics.md.
// RUN: kilnc run %s --device reference --inputs %S/resize_bicubic_antialias_down.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/resize_bicubic_antialias_down.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%x: tensor<1x2x9x9xf32> {kiln.name = "x"}) -> (tensor<1x2x4x3xf32> {kiln.name = "y"}) {
  %y = kiln.resize %x {mode = "bicubic", antialias = true} : tensor<1x2x9x9xf32> -> tensor<1x2x4x3xf32>
  return %y : tensor<1x2x4x3xf32>
}
