func.func @resize_bad_mode(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+1 {{'kiln.resize' op mode must be one of {nearest, bilinear, bicubic}, got "area"}}
  %0 = kiln.resize %x {mode = "area"} : tensor<1x4x8x8xf32> -> tensor<1x4x16x16xf32>
  return
}
