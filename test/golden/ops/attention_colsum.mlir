// attention_colsum: kiln.attention_colsum Σ_i A_ij per key, causal (default) and not, GQA Hq = 4 / Hk = 2
// Expected values: numpy float64 transcription of ops.md / reference-semantics.md.
// RUN: kilnc run %s --device reference --inputs %S/attention_colsum.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/attention_colsum.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%q: tensor<1x4x5x4xf32> {kiln.name = "q"}, %k: tensor<1x2x5x4xf32> {kiln.name = "k"}) -> (tensor<1x4x5xf32> {kiln.name = "sc"}, tensor<1x4x5xf32> {kiln.name = "sn"}) {
  %sc = kiln.attention_colsum %q, %k {scale = 0.5 : f32} : tensor<1x4x5x4xf32>, tensor<1x2x5x4xf32>
  %sn = kiln.attention_colsum %q, %k {scale = 0.5 : f32, causal = false} : tensor<1x4x5x4xf32>, tensor<1x2x5x4xf32>
  return %sc, %sn : tensor<1x4x5xf32>, tensor<1x4x5xf32>
}
