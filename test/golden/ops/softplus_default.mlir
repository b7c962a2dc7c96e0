// softplus_default: kiln.softplus beta 1, threshold 20: log1p(exp(x)) below, x where x > 20 (inputs 19.5 ... 30)
// Expected values: PyTorch float64 F.softplus.
// RUN: kilnc run %s --device reference --inputs %S/softplus_default.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/softplus_default.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%x: tensor<4x8xf32> {kiln.name = "x"}) -> (tensor<4x8xf32> {kiln.name = "y"}) {
  %y = kiln.softplus %x : tensor<4x8xf32>
  return %y : tensor<4x8xf32>
}
