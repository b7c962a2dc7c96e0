// attention_causal_bottom_right: kiln.attention causal with Lq = 3 < Lk = 6: bottom-right alignment (query i sees keys j <= i + 3)
// Expected values: numpy/torch float64 transcription of ops.md kiln.attention.
// RUN: kilnc run %s --device reference --inputs %S/attention_causal_bottom_right.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/attention_causal_bottom_right.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%q: tensor<1x2x3x4xf32> {kiln.name = "q"}, %k: tensor<1x2x6x4xf32> {kiln.name = "k"}, %v: tensor<1x2x6x4xf32> {kiln.name = "v"}) -> (tensor<1x2x3x4xf32> {kiln.name = "o"}) {
  %o = kiln.attention %q, %k, %v {scale = 0.5 : f32, causal = true} : tensor<1x2x3x4xf32>, tensor<1x2x6x4xf32>, tensor<1x2x6x4xf32>
  return %o : tensor<1x2x3x4xf32>
}
