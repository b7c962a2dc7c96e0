// qmatmul_kn: kiln.qmatmul 4-bit, transpose_b = false (q [K, N], scales [K/4, N]), batched x
// Expected values: PyTorch float64 x @ (q·s).
// RUN: kilnc run %s --device reference --inputs %S/qmatmul_kn.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/qmatmul_kn.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%x: tensor<2x3x8xf32> {kiln.name = "x"}, %q: tensor<8x4xi8> {kiln.name = "q"}, %s: tensor<2x4xf32> {kiln.name = "s"}) -> (tensor<2x3x4xf32> {kiln.name = "y"}) {
  %y = kiln.qmatmul %x, %q, %s {bits = 4 : i64, block_size = 4 : i64, transpose_b = false} : tensor<2x3x8xf32>, tensor<8x4xi8>, tensor<2x4xf32>
  return %y : tensor<2x3x4xf32>
}
