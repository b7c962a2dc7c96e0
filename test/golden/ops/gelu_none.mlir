// gelu_none: kiln.gelu default (erf form)
// Expected values: PyTorch float64 F.gelu(approximate='none').
// RUN: kilnc run %s --device reference --inputs %S/gelu_none.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/gelu_none.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%x: tensor<4x8xf32> {kiln.name = "x"}) -> (tensor<4x8xf32> {kiln.name = "y"}) {
  %y = kiln.gelu %x : tensor<4x8xf32>
  return %y : tensor<4x8xf32>
}
