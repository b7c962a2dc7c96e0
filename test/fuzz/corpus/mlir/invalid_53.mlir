func.func @broadcast_to_rank_differs(%x: tensor<4xf32>) {
  // expected-error @+1 {{'kiln.broadcast_to' op result must have rank 1, got rank 2 [3, 4]}}
  %0 = kiln.broadcast_to %x : tensor<4xf32> -> tensor<3x4xf32>
  return
}
