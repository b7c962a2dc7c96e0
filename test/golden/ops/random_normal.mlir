// random_normal: kiln.random_normal: Philox4x32-10 + Box-Muller, f32 seed 42; a seed above 2^32 (key hi32 = 1) with mean and std
// Expected values: Python transcription of ops.md's Philox4x32-10 (checked against Random123's known-answer vectors) and Box-Muller in float64.
// RUN: kilnc run %s --device reference --inputs %S/random_normal.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/random_normal.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main() -> (tensor<4x8xf32> {kiln.name = "a"}, tensor<3x5xf32> {kiln.name = "d"}) {
  %a = kiln.random_normal {seed = 42 : i64} : tensor<4x8xf32>
  %d = kiln.random_normal {seed = 4294967301 : i64, mean = -0.25 : f32, std = 2.0 : f32} : tensor<3x5xf32>
  return %a, %d : tensor<4x8xf32>, tensor<3x5xf32>
}
