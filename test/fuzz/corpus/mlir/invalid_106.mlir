func.func @topk_missing_k(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{'kiln.topk' op requires attribute 'k'}}
  %0:2 = kiln.topk %x : tensor<4x8xf32>
  return
}
