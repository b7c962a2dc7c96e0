// attention_s2: kiln.attention S2 groups G = L/4 = 2 on L = 8, Hq = 4: heads 0-1 plain groups, heads 2-3 shifted by G/2 without wrap-around; with and without causal
// Expected values: numpy/torch float64 transcription of ops.md kiln.attention.
// RUN: kilnc run %s --device reference --inputs %S/attention_s2.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/attention_s2.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%q: tensor<1x4x8x4xf32> {kiln.name = "q"}, %k: tensor<1x4x8x4xf32> {kiln.name = "k"}, %v: tensor<1x4x8x4xf32> {kiln.name = "v"}) -> (tensor<1x4x8x4xf32> {kiln.name = "o"}, tensor<1x4x8x4xf32> {kiln.name = "oc"}) {
  %o = kiln.attention %q, %k, %v {scale = 0.5 : f32, s2_group = 2 : i64} : tensor<1x4x8x4xf32>, tensor<1x4x8x4xf32>, tensor<1x4x8x4xf32>
  %oc = kiln.attention %q, %k, %v {scale = 0.5 : f32, causal = true, s2_group = 2 : i64} : tensor<1x4x8x4xf32>, tensor<1x4x8x4xf32>, tensor<1x4x8x4xf32>
  return %o, %oc : tensor<1x4x8x4xf32>, tensor<1x4x8x4xf32>
}
