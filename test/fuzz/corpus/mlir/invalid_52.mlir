func.func @broadcast_to_element_type_differs(%x: tensor<1x4xf32>) {
  // expected-error @+1 {{'kiln.broadcast_to' op x and result must share an element type, got f32 and f16}}
  %0 = kiln.broadcast_to %x : tensor<1x4xf32> -> tensor<3x4xf16>
  return
}
