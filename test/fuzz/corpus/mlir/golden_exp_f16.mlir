// exp_f16: kiln.exp on f16
// Expected values: PyTorch float64 torch.exp.
// RUN: kilnc run %s --device reference --inputs %S/exp_f16.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/exp_f16.out.safetensors --rtol 1e-3 --atol 1e-5

func.func @main(%x: tensor<4x8xf16> {kiln.name = "x"}) -> (tensor<4x8xf16> {kiln.name = "y"}) {
  %y = kiln.exp %x : tensor<4x8xf16>
  return %y : tensor<4x8xf16>
}
