func.func @pixel_shuffle_rank(%x: tensor<16x8x8xf32>) {
  // expected-error @+1 {{'kiln.pixel_shuffle' op x must have rank 4, got rank 3 [16, 8, 8]}}
  %0 = kiln.pixel_shuffle %x {factor = 2 : i64} : tensor<16x8x8xf32>
  return
}
