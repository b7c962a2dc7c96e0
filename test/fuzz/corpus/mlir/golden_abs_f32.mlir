// abs_f32: kiln.abs on f32
// Expected values: PyTorch float64 torch.abs.
// RUN: kilnc run %s --device reference --inputs %S/abs_f32.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/abs_f32.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%x: tensor<4x8xf32> {kiln.name = "x"}) -> (tensor<4x8xf32> {kiln.name = "y"}) {
  %y = kiln.abs %x : tensor<4x8xf32>
  return %y : tensor<4x8xf32>
}
