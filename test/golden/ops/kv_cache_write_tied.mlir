// kv_cache_write_tied: kiln.kv_cache_write on bf16 with the result kiln.tied to the cache argument (in-place update), T = 1
// Expected values: numpy float64 transcription of ops.md / reference-semantics.md.
// RUN: kilnc run %s --device reference --inputs %S/kv_cache_write_tied.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/kv_cache_write_tied.out.safetensors --rtol 8e-3 --atol 1e-4

func.func @main(%cache: tensor<1x2x4x4xbf16> {kiln.name = "cache"}, %new: tensor<1x2x1x4xbf16> {kiln.name = "new"}, %pos: tensor<1x2xi32> {kiln.name = "pos"}) -> (tensor<1x2x4x4xbf16> {kiln.name = "cache_out", kiln.tied = 0 : i64}) {
  %cache_out = kiln.kv_cache_write %cache, %new, %pos : tensor<1x2x4x4xbf16>, tensor<1x2x1x4xbf16>, tensor<1x2xi32>
  return %cache_out : tensor<1x2x4x4xbf16>
}
