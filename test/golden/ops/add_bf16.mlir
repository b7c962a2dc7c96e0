// add_bf16: kiln.add on bf16 (double sum rounded once to bf16), broadcasting [4,8] + [1,8]
// Expected values: PyTorch float64.
// RUN: kilnc run %s --device reference --inputs %S/add_bf16.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/add_bf16.out.safetensors --rtol 8e-3 --atol 1e-4

func.func @main(%a: tensor<4x8xbf16> {kiln.name = "a"}, %b: tensor<1x8xbf16> {kiln.name = "b"}) -> (tensor<4x8xbf16> {kiln.name = "y"}) {
  %y = kiln.add %a, %b : tensor<4x8xbf16>, tensor<1x8xbf16>
  return %y : tensor<4x8xbf16>
}
