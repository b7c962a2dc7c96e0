func.func @kv_cache_write_pos_shape(%c: tensor<1x2x256x64xf32>, %n: tensor<1x2x1x64xf32>, %p: tensor<2xi32>) {
  // expected-error @+1 {{'kiln.kv_cache_write' op pos must be [B, H] = [1, 2], got [2]}}
  %0 = kiln.kv_cache_write %c, %n, %p : tensor<1x2x256x64xf32>, tensor<1x2x1x64xf32>, tensor<2xi32>
  return
}
