// resize_nearest_up: kiln.resize nearest (legacy) upsampling 3x5 -> 7x8
// Expected values: PyTorch float64 F.interpolate(size=(7, 8), mode='nearest'), cross-checked against a numpy transcription of reference-semantics.md.
// RUN: kilnc run %s --device reference --inputs %S/resize_nearest_up.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/resize_nearest_up.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%x: tensor<1x2x3x5xf32> {kiln.name = "x"}) -> (tensor<1x2x7x8xf32> {kiln.name = "y"}) {
  %y = kiln.resize %x {mode = "nearest"} : tensor<1x2x3x5xf32> -> tensor<1x2x7x8xf32>
  return %y : tensor<1x2x7x8xf32>
}
