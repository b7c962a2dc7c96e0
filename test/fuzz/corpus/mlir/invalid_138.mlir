func.func @conv2d_element_types_differ(%x: tensor<1x8x16x16xf32>, %w: tensor<8x8x3x3xf16>) {
  // expected-error @+1 {{'kiln.conv2d' op x and w must share an element type, got f32 and f16}}
  %0 = kiln.conv2d %x, %w : tensor<1x8x16x16xf32>, tensor<8x8x3x3xf16>
  return
}
