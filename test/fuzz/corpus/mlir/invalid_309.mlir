func.func @pixel_shuffle_factor_overflow(%x: tensor<1x16x8x8xf32>) {
  // expected-error @+1 {{'kiln.pixel_shuffle' op factor^2 overflows: 4294967296 * 4294967296}}
  %0 = kiln.pixel_shuffle %x {factor = 4294967296 : i64} : tensor<1x16x8x8xf32>
  return
}
