func.func @topk_k_zero(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{'kiln.topk' op k must be in [1, 8] (the size of axis 1), got k = 0}}
  %0:2 = kiln.topk %x {k = 0 : i64} : tensor<4x8xf32>
  return
}
