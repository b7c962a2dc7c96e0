// kv_cache_write: kiln.kv_cache_write T = 2 rows at per-head positions (0, 3, 4 = S - T, 1)
// Expected values: numpy float64 transcription of ops.md / reference-semantics.md.
// RUN: kilnc run %s --device reference --inputs %S/kv_cache_write.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/kv_cache_write.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%cache: tensor<2x2x6x3xf32> {kiln.name = "cache"}, %new: tensor<2x2x2x3xf32> {kiln.name = "new"}, %pos: tensor<2x2xi32> {kiln.name = "pos"}) -> (tensor<2x2x6x3xf32> {kiln.name = "out"}) {
  %out = kiln.kv_cache_write %cache, %new, %pos : tensor<2x2x6x3xf32>, tensor<2x2x2x3xf32>, tensor<2x2xi32>
  return %out : tensor<2x2x6x3xf32>
}
