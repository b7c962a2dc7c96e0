// softmax_bf16: kiln.softmax on bf16 (rounded once)
// Expected values: PyTorch float64 F.softmax.
// RUN: kilnc run %s --device reference --inputs %S/softmax_bf16.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/softmax_bf16.out.safetensors --rtol 8e-3 --atol 1e-4

func.func @main(%x: tensor<4x16xbf16> {kiln.name = "x"}) -> (tensor<4x16xbf16> {kiln.name = "y"}) {
  %y = kiln.softmax %x : tensor<4x16xbf16>
  return %y : tensor<4x16xbf16>
}
