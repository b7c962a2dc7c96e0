func.func @pixel_unshuffle_empty_overflow(%x: tensor<1x1x0x0xf32>) {
  // expected-error @+1 {{'kiln.pixel_unshuffle' op factor^2 overflows: 4294967296 * 4294967296}}
  %0 = kiln.pixel_unshuffle %x {factor = 4294967296 : i64} : tensor<1x1x0x0xf32>
  return
}
