func.func @kv_cache_write_row_size(%c: tensor<1x2x256x64xf32>, %n: tensor<1x2x1x32xf32>, %p: tensor<1x2xi32>) {
  // expected-error @+1 {{'kiln.kv_cache_write' op new has row size D = 32, expected 64}}
  %0 = kiln.kv_cache_write %c, %n, %p : tensor<1x2x256x64xf32>, tensor<1x2x1x32xf32>, tensor<1x2xi32>
  return
}
