// qmatmul_transpose_b: kiln.qmatmul 8-bit, transpose_b (q [N, K], scales [N, K/4])
// Expected values: PyTorch float64 x @ (q·s)ᵀ.
// RUN: kilnc run %s --device reference --inputs %S/qmatmul_transpose_b.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/qmatmul_transpose_b.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%x: tensor<2x8xf32> {kiln.name = "x"}, %q: tensor<3x8xi8> {kiln.name = "q"}, %s: tensor<3x2xf32> {kiln.name = "s"}) -> (tensor<2x3xf32> {kiln.name = "y"}) {
  %y = kiln.qmatmul %x, %q, %s {bits = 8 : i64, block_size = 4 : i64} : tensor<2x8xf32>, tensor<3x8xi8>, tensor<3x2xf32>
  return %y : tensor<2x3xf32>
}
