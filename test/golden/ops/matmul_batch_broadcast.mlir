// matmul_batch_broadcast: kiln.matmul with numpy batch broadcasting [2,1,3,6]·[4,6,5] -> [2,4,3,5], and a rank-2 b serving every batch
// Expected values: PyTorch float64 torch.matmul.
// RUN: kilnc run %s --device reference --inputs %S/matmul_batch_broadcast.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/matmul_batch_broadcast.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%a: tensor<2x1x3x6xf32> {kiln.name = "a"}, %b: tensor<4x6x5xf32> {kiln.name = "b"}, %w: tensor<6x2xf32> {kiln.name = "w"}) -> (tensor<2x4x3x5xf32> {kiln.name = "y"}, tensor<2x1x3x2xf32> {kiln.name = "z"}) {
  %y = kiln.matmul %a, %b : tensor<2x1x3x6xf32>, tensor<4x6x5xf32>
  %z = kiln.matmul %a, %w : tensor<2x1x3x6xf32>, tensor<6x2xf32>
  return %y, %z : tensor<2x4x3x5xf32>, tensor<2x1x3x2xf32>
}
