func.func @pixel_unshuffle_rank(%x: tensor<1x1x16x8x8xf32>) {
  // expected-error @+1 {{'kiln.pixel_unshuffle' op x must have rank 4, got rank 5 [1, 1, 16, 8, 8]}}
  %0 = kiln.pixel_unshuffle %x {factor = 2 : i64} : tensor<1x1x16x8x8xf32>
  return
}
