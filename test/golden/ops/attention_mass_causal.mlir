// attention_mass_causal: kiln.attention_mass (FastGen profiling), P = 2 policies, GQA Hq = 4 / Hk = 2, causal (default)
// Expected values: numpy float64 transcription of ops.md / reference-semantics.md.
// RUN: kilnc run %s --device reference --inputs %S/attention_mass_causal.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/attention_mass_causal.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%q: tensor<1x4x5x4xf32> {kiln.name = "q"}, %k: tensor<1x2x5x4xf32> {kiln.name = "k"}, %keep: tensor<2x1x2x5xi1> {kiln.name = "keep"}) -> (tensor<2x1x4xf32> {kiln.name = "m"}) {
  %m = kiln.attention_mass %q, %k, %keep {scale = 0.5 : f32} : tensor<1x4x5x4xf32>, tensor<1x2x5x4xf32>, tensor<2x1x2x5xi1>
  return %m : tensor<2x1x4xf32>
}
