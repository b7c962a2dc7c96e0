func.func @kv_cache_compact_keep_shape(%c: tensor<1x2x256x64xf32>, %k: tensor<1x2x128xi1>) {
  // expected-error @+1 {{'kiln.kv_cache_compact' op keep must be [B, H, S] = [1, 2, 256], got [1, 2, 128]}}
  %0:2 = kiln.kv_cache_compact %c, %k : tensor<1x2x256x64xf32>, tensor<1x2x128xi1>
  return
}
