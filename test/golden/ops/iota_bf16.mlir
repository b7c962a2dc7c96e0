// iota_bf16: kiln.iota on bf16: indices above 256 round to nearest even (257 -> 256, 259 -> 260)
// Expected values: torch.arange rounded once to bf16.
// RUN: kilnc run %s --device reference --inputs %S/iota_bf16.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/iota_bf16.out.safetensors --rtol 8e-3 --atol 1e-4

func.func @main() -> (tensor<1x300xbf16> {kiln.name = "e"}) {
  %e = kiln.iota {dim = 1 : i64} : tensor<1x300xbf16>
  return %e : tensor<1x300xbf16>
}
