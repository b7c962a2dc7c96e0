func.func @conv_transpose2d_element_types_differ(%x: tensor<1x8x16x16xbf16>, %w: tensor<8x4x2x2xf32>) {
  // expected-error @+1 {{'kiln.conv_transpose2d' op x and w must share an element type, got bf16 and f32}}
  %0 = kiln.conv_transpose2d %x, %w : tensor<1x8x16x16xbf16>, tensor<8x4x2x2xf32>
  return
}
