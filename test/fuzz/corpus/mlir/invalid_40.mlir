func.func @cast_shape_changes(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{'kiln.cast' op changes only the element type: x has shape [4, 8], result has [8, 4]}}
  %0 = kiln.cast %x : tensor<4x8xf32> to tensor<8x4xbf16>
  return
}
