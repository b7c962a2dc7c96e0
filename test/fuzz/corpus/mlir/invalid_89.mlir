func.func @resize_empty_output(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+1 {{'kiln.resize' op H and W must be >= 1, got x [1, 4, 8, 8], result [1, 4, 0, 16]}}
  %0 = kiln.resize %x {mode = "bilinear"} : tensor<1x4x8x8xf32> -> tensor<1x4x0x16xf32>
  return
}
