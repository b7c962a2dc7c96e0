func.func @kv_cache_compact_rank(%c: tensor<2x256x64xf32>, %k: tensor<2x256xi1>) {
  // expected-error @+1 {{'kiln.kv_cache_compact' op cache must have rank 4, got rank 3 [2, 256, 64]}}
  %0:2 = kiln.kv_cache_compact %c, %k : tensor<2x256x64xf32>, tensor<2x256xi1>
  return
}
