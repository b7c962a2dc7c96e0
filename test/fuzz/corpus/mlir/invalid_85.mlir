func.func @resize_element_type_differs(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+1 {{'kiln.resize' op x and result must share an element type, got f32 and bf16}}
  %0 = kiln.resize %x {mode = "bilinear"} : tensor<1x4x8x8xf32> -> tensor<1x4x16x16xbf16>
  return
}
