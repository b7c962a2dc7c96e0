func.func @pixel_unshuffle_factor(%x: tensor<1x3x8x8xf32>) {
  // expected-error @+1 {{'kiln.pixel_unshuffle' op factor must be >= 1, got -2}}
  %0 = kiln.pixel_unshuffle %x {factor = -2 : i64} : tensor<1x3x8x8xf32>
  return
}
