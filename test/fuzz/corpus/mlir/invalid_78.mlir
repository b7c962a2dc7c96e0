func.func @pixel_shuffle_channels(%x: tensor<1x12x8x8xf32>) {
  // expected-error @+1 {{'kiln.pixel_shuffle' op channels must be divisible by factor^2 = 9, got C = 12}}
  %0 = kiln.pixel_shuffle %x {factor = 3 : i64} : tensor<1x12x8x8xf32>
  return
}
