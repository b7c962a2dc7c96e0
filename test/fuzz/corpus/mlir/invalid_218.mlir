func.func @kv_cache_write_element_type(%c: tensor<1x2x256x64xf32>, %n: tensor<1x2x1x64xbf16>, %p: tensor<1x2xi32>) {
  // expected-error @+1 {{'kiln.kv_cache_write' op cache and new must share an element type, got f32 and bf16}}
  %0 = kiln.kv_cache_write %c, %n, %p : tensor<1x2x256x64xf32>, tensor<1x2x1x64xbf16>, tensor<1x2xi32>
  return
}
