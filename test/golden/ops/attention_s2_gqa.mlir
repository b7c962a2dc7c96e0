// attention_s2_gqa: kiln.attention S2 groups G = 4 on L = 16, Hq = 4, Hk = 2, causal
// Expected values: numpy/torch float64 transcription of ops.md kiln.attention.
// RUN: kilnc run %s --device reference --inputs %S/attention_s2_gqa.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/attention_s2_gqa.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%q: tensor<1x4x16x4xf32> {kiln.name = "q"}, %k: tensor<1x2x16x4xf32> {kiln.name = "k"}, %v: tensor<1x2x16x2xf32> {kiln.name = "v"}) -> (tensor<1x4x16x2xf32> {kiln.name = "o"}) {
  %o = kiln.attention %q, %k, %v {scale = 0.5 : f32, causal = true, s2_group = 4 : i64} : tensor<1x4x16x4xf32>, tensor<1x2x16x4xf32>, tensor<1x2x16x2xf32>
  return %o : tensor<1x4x16x2xf32>
}
