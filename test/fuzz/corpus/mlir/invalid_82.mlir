func.func @pixel_unshuffle_missing_factor(%x: tensor<1x3x8x8xf32>) {
  // expected-error @+1 {{'kiln.pixel_unshuffle' op requires attribute 'factor'}}
  %0 = kiln.pixel_unshuffle %x : tensor<1x3x8x8xf32>
  return
}
