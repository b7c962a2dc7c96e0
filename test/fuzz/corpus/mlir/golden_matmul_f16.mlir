// matmul_f16: kiln.matmul on f16 with transpose_b
// Expected values: PyTorch float64 torch.matmul.
// RUN: kilnc run %s --device reference --inputs %S/matmul_f16.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/matmul_f16.out.safetensors --rtol 1e-3 --atol 1e-5

func.func @main(%a: tensor<3x16xf16> {kiln.name = "a"}, %b: tensor<5x16xf16> {kiln.name = "b"}) -> (tensor<3x5xf16> {kiln.name = "y"}) {
  %y = kiln.matmul %a, %b {transpose_b = true} : tensor<3x16xf16>, tensor<5x16xf16>
  return %y : tensor<3x5xf16>
}
