// decode_attention_t1: kiln.decode_attention T = 1, GQA Hq = 4 / Hk = 2, B = 2, per-head lens (1, 6 = S, 3, 4)
// Expected values: numpy float64 transcription of ops.md / reference-semantics.md.
// RUN: kilnc run %s --device reference --inputs %S/decode_attention_t1.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/decode_attention_t1.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%q: tensor<2x4x1x4xf32> {kiln.name = "q"}, %k_cache: tensor<2x2x6x4xf32> {kiln.name = "k_cache"}, %v_cache: tensor<2x2x6x3xf32> {kiln.name = "v_cache"}, %lens: tensor<2x2xi32> {kiln.name = "lens"}) -> (tensor<2x4x1x3xf32> {kiln.name = "o"}) {
  %o = kiln.decode_attention %q, %k_cache, %v_cache, %lens {scale = 0.5 : f32} : tensor<2x4x1x4xf32>, tensor<2x2x6x4xf32>, tensor<2x2x6x3xf32>, tensor<2x2xi32>
  return %o : tensor<2x4x1x3xf32>
}
