// attention_sliding_window: kiln.attention causal sliding window W = 3 (j > i + o - 3) with Lq = 4, Lk = 6, and a window without causal
// Expected values: numpy/torch float64 transcription of ops.md kiln.attention.
// RUN: kilnc run %s --device reference --inputs %S/attention_sliding_window.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/attention_sliding_window.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%q: tensor<1x2x4x4xf32> {kiln.name = "q"}, %k: tensor<1x2x6x4xf32> {kiln.name = "k"}, %v: tensor<1x2x6x4xf32> {kiln.name = "v"}) -> (tensor<1x2x4x4xf32> {kiln.name = "o"}, tensor<1x2x4x4xf32> {kiln.name = "n"}) {
  %o = kiln.attention %q, %k, %v {scale = 0.5 : f32, causal = true, window = 3 : i64} : tensor<1x2x4x4xf32>, tensor<1x2x6x4xf32>, tensor<1x2x6x4xf32>
  %n = kiln.attention %q, %k, %v {scale = 0.5 : f32, window = 2 : i64} : tensor<1x2x4x4xf32>, tensor<1x2x6x4xf32>, tensor<1x2x6x4xf32>
  return %o, %n : tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>
}
