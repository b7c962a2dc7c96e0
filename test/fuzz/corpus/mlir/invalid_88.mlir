func.func @resize_changes_channels(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+1 {{'kiln.resize' op resizes only H and W: x is [1, 4, 8, 8], result is [1, 8, 16, 16]}}
  %0 = kiln.resize %x {mode = "bilinear"} : tensor<1x4x8x8xf32> -> tensor<1x8x16x16xf32>
  return
}
