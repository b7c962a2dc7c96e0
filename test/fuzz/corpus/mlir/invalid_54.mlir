func.func @broadcast_to_dim_mismatch(%x: tensor<2x4xf32>) {
  // expected-error @+1 {{'kiln.broadcast_to' op x [2, 4] does not broadcast to [3, 4]: dimension 0 is neither 1 nor 3}}
  %0 = kiln.broadcast_to %x : tensor<2x4xf32> -> tensor<3x4xf32>
  return
}
