// random_normal_bf16: kiln.random_normal on bf16, seed 7, mean 1, std 0.5 (rounded once)
// Expected values: Python transcription of ops.md's Philox4x32-10 (checked against Random123's known-answer vectors) and Box-Muller in float64.
// RUN: kilnc run %s --device reference --inputs %S/random_normal_bf16.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/random_normal_bf16.out.safetensors --rtol 8e-3 --atol 1e-4

func.func @main() -> (tensor<2x4x3xbf16> {kiln.name = "b"}) {
  %b = kiln.random_normal {seed = 7 : i64, mean = 1.0 : f32, std = 0.5 : f32} : tensor<2x4x3xbf16>
  return %b : tensor<2x4x3xbf16>
}
