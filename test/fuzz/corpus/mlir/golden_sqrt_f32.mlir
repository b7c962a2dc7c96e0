// sqrt_f32: kiln.sqrt on f32
// Expected values: PyTorch float64 torch.sqrt.
// RUN: kilnc run %s --device reference --inputs %S/sqrt_f32.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/sqrt_f32.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%x: tensor<4x8xf32> {kiln.name = "x"}) -> (tensor<4x8xf32> {kiln.name = "y"}) {
  %y = kiln.sqrt %x : tensor<4x8xf32>
  return %y : tensor<4x8xf32>
}
