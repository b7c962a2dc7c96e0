// topk_ties: kiln.topk k = 3 along the last axis with ties (lower index first), and k = 2 along axis 0
// Expected values: numpy stable argsort of -x (descending, ties to the lower index).
// RUN: kilnc run %s --device reference --inputs %S/topk_ties.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/topk_ties.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%x: tensor<3x8xf32> {kiln.name = "x"}, %w: tensor<5x3xf32> {kiln.name = "w"}) -> (tensor<3x3xf32> {kiln.name = "v"}, tensor<3x3xi64> {kiln.name = "i"}, tensor<2x3xf32> {kiln.name = "v0"}, tensor<2x3xi64> {kiln.name = "i0"}) {
  %v, %i = kiln.topk %x {k = 3 : i64} : tensor<3x8xf32>
  %v0, %i0 = kiln.topk %w {k = 2 : i64, axis = 0 : i64} : tensor<5x3xf32>
  return %v, %i, %v0, %i0 : tensor<3x3xf32>, tensor<3x3xi64>, tensor<2x3xf32>, tensor<2x3xi64>
}
