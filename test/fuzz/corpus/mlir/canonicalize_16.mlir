func.func @broadcast_splat() -> tensor<4x8xf32> {
  %c = kiln.constant dense<2.0> : tensor<1x8xf32>
  %0 = kiln.broadcast_to %c : tensor<1x8xf32> -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}
