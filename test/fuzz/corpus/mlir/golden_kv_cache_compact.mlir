// kv_cache_compact: kiln.kv_cache_compact: kept rows move to the front in order, the rest are zero; heads keeping some, all and none of the rows
// Expected values: numpy float64 transcription of ops.md / reference-semantics.md.
// RUN: kilnc run %s --device reference --inputs %S/kv_cache_compact.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/kv_cache_compact.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%cache: tensor<1x3x5x3xf32> {kiln.name = "cache"}, %keep: tensor<1x3x5xi1> {kiln.name = "keep"}) -> (tensor<1x3x5x3xf32> {kiln.name = "out"}, tensor<1x3xi32> {kiln.name = "lens"}) {
  %out, %lens = kiln.kv_cache_compact %cache, %keep : tensor<1x3x5x3xf32>, tensor<1x3x5xi1>
  return %out, %lens : tensor<1x3x5x3xf32>, tensor<1x3xi32>
}
