func.func @kv_cache_write_pos_i64(%c: tensor<1x2x256x64xf32>, %n: tensor<1x2x1x64xf32>, %p: tensor<1x2xi64>) {
  // expected-error @+1 {{'kiln.kv_cache_write' op operand #2 must be statically shaped tensor (at most 2^48 elements) of 32-bit signless integer values, but got 'tensor<1x2xi64>'}}
  %0 = kiln.kv_cache_write %c, %n, %p : tensor<1x2x256x64xf32>, tensor<1x2x1x64xf32>, tensor<1x2xi64>
  return
}
