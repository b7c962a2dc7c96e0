func.func @pixel_shuffle_factor(%x: tensor<1x16x8x8xf32>) {
  // expected-error @+1 {{'kiln.pixel_shuffle' op factor must be >= 1, got 0}}
  %0 = kiln.pixel_shuffle %x {factor = 0 : i64} : tensor<1x16x8x8xf32>
  return
}
