// attention_f16: kiln.attention on f16, GQA and causal (double math, rounded once)
// Expected values: numpy/torch float64 transcription of ops.md kiln.attention.
// RUN: kilnc run %s --device reference --inputs %S/attention_f16.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/attention_f16.out.safetensors --rtol 1e-3 --atol 1e-5

func.func @main(%q: tensor<1x2x4x8xf16> {kiln.name = "q"}, %k: tensor<1x1x4x8xf16> {kiln.name = "k"}, %v: tensor<1x1x4x8xf16> {kiln.name = "v"}) -> (tensor<1x2x4x8xf16> {kiln.name = "o"}) {
  %o = kiln.attention %q, %k, %v {scale = 0.3499999940395355 : f32, causal = true} : tensor<1x2x4x8xf16>, tensor<1x1x4x8xf16>, tensor<1x1x4x8xf16>
  return %o : tensor<1x2x4x8xf16>
}
