// gelu_tanh: kiln.gelu approximate = tanh
// Expected values: PyTorch float64 F.gelu(approximate='tanh').
// RUN: kilnc run %s --device reference --inputs %S/gelu_tanh.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/gelu_tanh.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%x: tensor<4x8xf32> {kiln.name = "x"}) -> (tensor<4x8xf32> {kiln.name = "y"}) {
  %y = kiln.gelu %x {approximate = "tanh"} : tensor<4x8xf32>
  return %y : tensor<4x8xf32>
}
