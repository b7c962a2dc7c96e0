func.func @kv_cache_write_batch(%c: tensor<1x2x256x64xf32>, %n: tensor<2x2x1x64xf32>, %p: tensor<1x2xi32>) {
  // expected-error @+1 {{'kiln.kv_cache_write' op new has batch B = 2, expected 1}}
  %0 = kiln.kv_cache_write %c, %n, %p : tensor<1x2x256x64xf32>, tensor<2x2x1x64xf32>, tensor<1x2xi32>
  return
}
