func.func @resize_missing_mode(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+1 {{'kiln.resize' op requires attribute 'mode'}}
  %0 = kiln.resize %x : tensor<1x4x8x8xf32> -> tensor<1x4x16x16xf32>
  return
}
