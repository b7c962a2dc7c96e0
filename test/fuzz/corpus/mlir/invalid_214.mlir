func.func @kv_cache_write_new_rank(%c: tensor<1x2x256x64xf32>, %n: tensor<2x1x64xf32>, %p: tensor<1x2xi32>) {
  // expected-error @+1 {{'kiln.kv_cache_write' op new must have rank 4, got rank 3 [2, 1, 64]}}
  %0 = kiln.kv_cache_write %c, %n, %p : tensor<1x2x256x64xf32>, tensor<2x1x64xf32>, tensor<1x2xi32>
  return
}
