func.func @reshape_element_type_differs(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'kiln.reshape' op x and result must share an element type, got f32 and bf16}}
  %0 = kiln.reshape %x : tensor<2x3xf32> -> tensor<6xbf16>
  return
}
