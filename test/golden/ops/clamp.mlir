// clamp: kiln.clamp with min and max, min only, max only
// Expected values: PyTorch float64 torch.clamp.
// RUN: kilnc run %s --device reference --inputs %S/clamp.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/clamp.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%x: tensor<4x8xf32> {kiln.name = "x"}) -> (tensor<4x8xf32> {kiln.name = "both"}, tensor<4x8xf32> {kiln.name = "lo"}, tensor<4x8xf32> {kiln.name = "hi"}) {
  %both = kiln.clamp %x {min = -1.5 : f32, max = 2.25 : f32} : tensor<4x8xf32>
  %lo = kiln.clamp %x {min = 0.0 : f32} : tensor<4x8xf32>
  %hi = kiln.clamp %x {max = 6.0 : f32} : tensor<4x8xf32>
  return %both, %lo, %hi : tensor<4x8xf32>, tensor<4x8xf32>, tensor<4x8xf32>
}
