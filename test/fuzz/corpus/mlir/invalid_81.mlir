func.func @pixel_unshuffle_spatial(%x: tensor<1x3x8x6xf32>) {
  // expected-error @+1 {{'kiln.pixel_unshuffle' op height and width must be divisible by factor = 4, got H = 8, W = 6}}
  %0 = kiln.pixel_unshuffle %x {factor = 4 : i64} : tensor<1x3x8x6xf32>
  return
}
