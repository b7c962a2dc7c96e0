// max_min_f32: kiln.max and kiln.min with broadcasting, equal values and NaN propagation
// Expected values: PyTorch float64 torch.maximum / torch.minimum.
// RUN: kilnc run %s --device reference --inputs %S/max_min_f32.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/max_min_f32.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%a: tensor<4x8xf32> {kiln.name = "a"}, %b: tensor<1x8xf32> {kiln.name = "b"}) -> (tensor<4x8xf32> {kiln.name = "mx"}, tensor<4x8xf32> {kiln.name = "mn"}) {
  %mx = kiln.max %a, %b : tensor<4x8xf32>, tensor<1x8xf32>
  %mn = kiln.min %a, %b : tensor<4x8xf32>, tensor<1x8xf32>
  return %mx, %mn : tensor<4x8xf32>, tensor<4x8xf32>
}
