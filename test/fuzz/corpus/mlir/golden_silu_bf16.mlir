// silu_bf16: kiln.silu on bf16
// Expected values: PyTorch float64 F.silu.
// RUN: kilnc run %s --device reference --inputs %S/silu_bf16.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/silu_bf16.out.safetensors --rtol 8e-3 --atol 1e-4

func.func @main(%x: tensor<4x8xbf16> {kiln.name = "x"}) -> (tensor<4x8xbf16> {kiln.name = "y"}) {
  %y = kiln.silu %x : tensor<4x8xbf16>
  return %y : tensor<4x8xbf16>
}
