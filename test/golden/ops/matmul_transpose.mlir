// matmul_transpose: kiln.matmul transpose_a, transpose_b, and both
// Expected values: PyTorch float64 torch.matmul of transposed operands.
// RUN: kilnc run %s --device reference --inputs %S/matmul_transpose.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/matmul_transpose.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%a: tensor<2x6x3xf32> {kiln.name = "a"}, %b: tensor<2x4x6xf32> {kiln.name = "b"}, %m: tensor<2x3x6xf32> {kiln.name = "m"}, %k: tensor<2x6x4xf32> {kiln.name = "k"}) -> (tensor<2x3x4xf32> {kiln.name = "ta"}, tensor<2x3x4xf32> {kiln.name = "tb"}, tensor<2x3x4xf32> {kiln.name = "tab"}) {
  %ta = kiln.matmul %a, %k {transpose_a = true} : tensor<2x6x3xf32>, tensor<2x6x4xf32>
  %tb = kiln.matmul %m, %b {transpose_b = true} : tensor<2x3x6xf32>, tensor<2x4x6xf32>
  %tab = kiln.matmul %a, %b {transpose_a = true, transpose_b = true} : tensor<2x6x3xf32>, tensor<2x4x6xf32>
  return %ta, %tb, %tab : tensor<2x3x4xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>
}
