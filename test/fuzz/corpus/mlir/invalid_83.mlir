func.func @resize_x_rank(%x: tensor<4x8x8xf32>) {
  // expected-error @+1 {{'kiln.resize' op x must have rank 4, got rank 3 [4, 8, 8]}}
  %0 = kiln.resize %x {mode = "nearest"} : tensor<4x8x8xf32> -> tensor<1x4x16x16xf32>
  return
}
