// qmatmul_bf16: kiln.qmatmul with bf16 x (result bf16), 8-bit, transpose_b
// Expected values: PyTorch float64 x @ (q·s)ᵀ.
// RUN: kilnc run %s --device reference --inputs %S/qmatmul_bf16.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/qmatmul_bf16.out.safetensors --rtol 8e-3 --atol 1e-4

func.func @main(%x: tensor<3x16xbf16> {kiln.name = "x"}, %q: tensor<4x16xi8> {kiln.name = "q"}, %s: tensor<4x2xf32> {kiln.name = "s"}) -> (tensor<3x4xbf16> {kiln.name = "y"}) {
  %y = kiln.qmatmul %x, %q, %s {bits = 8 : i64, block_size = 8 : i64} : tensor<3x16xbf16>, tensor<4x16xi8>, tensor<4x2xf32>
  return %y : tensor<3x4xbf16>
}
