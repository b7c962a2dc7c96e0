// resize_nearest_float32_scale: kiln.resize nearest (legacy) 26x14 -> 22x46, sizes where PyTorch's float32 scale picks other pixels than exact arithmetic
// Expected values: PyTorch float64 F.interpolate(size=(22, 46), mode='nearest'), cross-checked against a numpy transcription of reference-semantics.md.
// RUN: kilnc run %s --device reference --inputs %S/resize_nearest_float32_scale.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/resize_nearest_float32_scale.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%x: tensor<1x1x26x14xf32> {kiln.name = "x"}) -> (tensor<1x1x22x46xf32> {kiln.name = "y"}) {
  %y = kiln.resize %x {mode = "nearest"} : tensor<1x1x26x14xf32> -> tensor<1x1x22x46xf32>
  return %y : tensor<1x1x22x46xf32>
}
