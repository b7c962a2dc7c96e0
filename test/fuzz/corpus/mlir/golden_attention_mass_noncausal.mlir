// attention_mass_noncausal: kiln.attention_mass causal = false, P = 2, B = 2
// Expected values: numpy float64 transcription of ops.md / reference-semantics.md.
// RUN: kilnc run %s --device reference --inputs %S/attention_mass_noncausal.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/attention_mass_noncausal.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%q: tensor<2x2x4x4xf32> {kiln.name = "q"}, %k: tensor<2x2x4x4xf32> {kiln.name = "k"}, %keep: tensor<2x2x2x4xi1> {kiln.name = "keep"}) -> (tensor<2x2x2xf32> {kiln.name = "m"}) {
  %m = kiln.attention_mass %q, %k, %keep {scale = 0.5 : f32, causal = false} : tensor<2x2x4x4xf32>, tensor<2x2x4x4xf32>, tensor<2x2x2x4xi1>
  return %m : tensor<2x2x2xf32>
}
