func.func @resize_nearest_align_corners(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+1 {{'kiln.resize' op align_corners and antialias apply to bilinear and bicubic only, not to mode "nearest"}}
  %0 = kiln.resize %x {mode = "nearest", align_corners = true} : tensor<1x4x8x8xf32> -> tensor<1x4x16x16xf32>
  return
}
