// kv_cache_compact_bf16: kiln.kv_cache_compact on a bf16 cache, B = 2, random keep masks
// Expected values: numpy float64 transcription of ops.md / reference-semantics.md.
// RUN: kilnc run %s --device reference --inputs %S/kv_cache_compact_bf16.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/kv_cache_compact_bf16.out.safetensors --rtol 8e-3 --atol 1e-4

func.func @main(%cache: tensor<2x2x6x2xbf16> {kiln.name = "cache"}, %keep: tensor<2x2x6xi1> {kiln.name = "keep"}) -> (tensor<2x2x6x2xbf16> {kiln.name = "out"}, tensor<2x2xi32> {kiln.name = "lens"}) {
  %out, %lens = kiln.kv_cache_compact %cache, %keep : tensor<2x2x6x2xbf16>, tensor<2x2x6xi1>
  return %out, %lens : tensor<2x2x6x2xbf16>, tensor<2x2xi32>
}
