func.func @kv_cache_write_too_many_rows(%c: tensor<1x2x4x64xf32>, %n: tensor<1x2x8x64xf32>, %p: tensor<1x2xi32>) {
  // expected-error @+1 {{'kiln.kv_cache_write' op new has T = 8 rows, more than the cache capacity S = 4}}
  %0 = kiln.kv_cache_write %c, %n, %p : tensor<1x2x4x64xf32>, tensor<1x2x8x64xf32>, tensor<1x2xi32>
  return
}
