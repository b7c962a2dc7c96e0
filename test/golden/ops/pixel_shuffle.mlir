// pixel_shuffle: kiln.pixel_shuffle factor 2: [1,8,2,3] -> [1,2,4,6]
// Expected values: PyTorch F.pixel_shuffle.
// RUN: kilnc run %s --device reference --inputs %S/pixel_shuffle.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/pixel_shuffle.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%x: tensor<1x8x2x3xf32> {kiln.name = "x"}) -> (tensor<1x2x4x6xf32> {kiln.name = "y"}) {
  %y = kiln.pixel_shuffle %x {factor = 2 : i64} : tensor<1x8x2x3xf32>
  return %y : tensor<1x2x4x6xf32>
}
