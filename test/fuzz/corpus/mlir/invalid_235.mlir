func.func @kv_cache_compact_keep_not_bool(%c: tensor<1x2x256x64xf32>, %k: tensor<1x2x256xi8>) {
  // expected-error @+1 {{'kiln.kv_cache_compact' op operand #1 must be statically shaped tensor (at most 2^48 elements) of 1-bit signless integer values, but got 'tensor<1x2x256xi8>'}}
  %0:2 = kiln.kv_cache_compact %c, %k : tensor<1x2x256x64xf32>, tensor<1x2x256xi8>
  return
}
