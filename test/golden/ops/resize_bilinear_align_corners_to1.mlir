// resize_bilinear_align_corners_to1: kiln.resize bilinear, align_corners true, an output size of 1 samples index 0 (4x5 -> 1x3)
// Expected values: PyTorch float64 F.interpolate(size=(1, 3), mode='bilinear', align_corners=True, antialias=False), cross-checked against a numpy transcription of reference-semantics.md.
// RUN: kilnc run %s --device reference --inputs %S/resize_bilinear_align_corners_to1.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/resize_bilinear_align_corners_to1.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%x: tensor<1x1x4x5xf32> {kiln.name = "x"}) -> (tensor<1x1x1x3xf32> {kiln.name = "y"}) {
  %y = kiln.resize %x {mode = "bilinear", align_corners = true} : tensor<1x1x4x5xf32> -> tensor<1x1x1x3xf32>
  return %y : tensor<1x1x1x3xf32>
}
