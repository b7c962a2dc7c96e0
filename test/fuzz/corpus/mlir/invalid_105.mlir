func.func @topk_k_too_large(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{'kiln.topk' op k must be in [1, 4] (the size of axis 0), got k = 5}}
  %0:2 = kiln.topk %x {k = 5 : i64, axis = 0 : i64} : tensor<4x8xf32>
  return
}
