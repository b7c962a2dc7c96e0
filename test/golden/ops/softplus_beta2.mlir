// softplus_beta2: kiln.softplus beta 2, threshold 10 (β·x > 10 returns x; β·x = 10 does not)
// Expected values: PyTorch float64 F.softplus(beta=2, threshold=10).
// RUN: kilnc run %s --device reference --inputs %S/softplus_beta2.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/softplus_beta2.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%x: tensor<4x8xf32> {kiln.name = "x"}) -> (tensor<4x8xf32> {kiln.name = "y"}) {
  %y = kiln.softplus %x {beta = 2.0 : f32, threshold = 10.0 : f32} : tensor<4x8xf32>
  return %y : tensor<4x8xf32>
}
