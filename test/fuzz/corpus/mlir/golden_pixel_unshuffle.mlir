// pixel_unshuffle: kiln.pixel_unshuffle factor 2: [2,2,4,6] -> [2,8,2,3]
// Expected values: PyTorch F.pixel_unshuffle.
// RUN: kilnc run %s --device reference --inputs %S/pixel_unshuffle.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/pixel_unshuffle.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%x: tensor<2x2x4x6xf32> {kiln.name = "x"}) -> (tensor<2x8x2x3xf32> {kiln.name = "y"}) {
  %y = kiln.pixel_unshuffle %x {factor = 2 : i64} : tensor<2x2x4x6xf32>
  return %y : tensor<2x8x2x3xf32>
}
