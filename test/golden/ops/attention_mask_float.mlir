// attention_mask_float: kiln.attention with an additive f32 mask [B,1,1,Lk] with -inf entries (no weight) and causal; row of batch 1 at query 0 has every key at -inf -> 0
// Expected values: numpy/torch float64 transcription of ops.md kiln.attention.
// RUN: kilnc run %s --device reference --inputs %S/attention_mask_float.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/attention_mask_float.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%q: tensor<2x2x3x4xf32> {kiln.name = "q"}, %k: tensor<2x2x4x4xf32> {kiln.name = "k"}, %v: tensor<2x2x4x3xf32> {kiln.name = "v"}, %bias: tensor<2x1x1x4xf32> {kiln.name = "bias"}) -> (tensor<2x2x3x3xf32> {kiln.name = "o"}) {
  %o = kiln.attention %q, %k, %v, %bias {scale = 0.5 : f32, causal = true} : tensor<2x2x3x4xf32>, tensor<2x2x4x4xf32>, tensor<2x2x4x3xf32>, tensor<2x1x1x4xf32>
  return %o : tensor<2x2x3x3xf32>
}
