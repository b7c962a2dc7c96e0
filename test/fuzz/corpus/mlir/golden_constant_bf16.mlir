// constant_bf16: kiln.constant of bf16: decimal literals round to nearest bf16 (0.1 -> 0.10009765625); a bf16 splat
// Expected values: the literals rounded once from float64 to bf16.
// RUN: kilnc run %s --device reference --inputs %S/constant_bf16.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/constant_bf16.out.safetensors --rtol 8e-3 --atol 1e-4

func.func @main() -> (tensor<4xbf16> {kiln.name = "cb"}, tensor<2x2xbf16> {kiln.name = "cs"}) {
  %cb = kiln.constant dense<[0.1, 3.14159, -1.0e+03, 257.0]> : tensor<4xbf16>
  %cs = kiln.constant dense<-2.5> : tensor<2x2xbf16>
  return %cb, %cs : tensor<4xbf16>, tensor<2x2xbf16>
}
