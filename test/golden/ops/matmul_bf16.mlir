// matmul_bf16: kiln.matmul on bf16, batched [2,3,16]·[2,16,4] (double accumulation, rounded once)
// Expected values: PyTorch float64 torch.matmul.
// RUN: kilnc run %s --device reference --inputs %S/matmul_bf16.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/matmul_bf16.out.safetensors --rtol 8e-3 --atol 1e-4

func.func @main(%a: tensor<2x3x16xbf16> {kiln.name = "a"}, %b: tensor<2x16x4xbf16> {kiln.name = "b"}) -> (tensor<2x3x4xbf16> {kiln.name = "y"}) {
  %y = kiln.matmul %a, %b : tensor<2x3x16xbf16>, tensor<2x16x4xbf16>
  return %y : tensor<2x3x4xbf16>
}
