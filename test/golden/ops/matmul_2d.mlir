// matmul_2d: kiln.matmul [4,8]·[8,5]
// Expected values: PyTorch float64 torch.matmul.
// RUN: kilnc run %s --device reference --inputs %S/matmul_2d.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/matmul_2d.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%a: tensor<4x8xf32> {kiln.name = "a"}, %b: tensor<8x5xf32> {kiln.name = "b"}) -> (tensor<4x5xf32> {kiln.name = "y"}) {
  %y = kiln.matmul %a, %b : tensor<4x8xf32>, tensor<8x5xf32>
  return %y : tensor<4x5xf32>
}
