// decode_attention_t2: kiln.decode_attention T = 2 (queries at lens - 2 and lens - 1, causal among themselves), GQA, lens (2 = T, 5)
// Expected values: numpy float64 transcription of ops.md / reference-semantics.md.
// RUN: kilnc run %s --device reference --inputs %S/decode_attention_t2.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/decode_attention_t2.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%q: tensor<1x4x2x4xf32> {kiln.name = "q"}, %k_cache: tensor<1x2x6x4xf32> {kiln.name = "k_cache"}, %v_cache: tensor<1x2x6x4xf32> {kiln.name = "v_cache"}, %lens: tensor<1x2xi32> {kiln.name = "lens"}) -> (tensor<1x4x2x4xf32> {kiln.name = "o"}) {
  %o = kiln.decode_attention %q, %k_cache, %v_cache, %lens {scale = 0.4000000059604645 : f32} : tensor<1x4x2x4xf32>, tensor<1x2x6x4xf32>, tensor<1x2x6x4xf32>, tensor<1x2xi32>
  return %o : tensor<1x4x2x4xf32>
}
