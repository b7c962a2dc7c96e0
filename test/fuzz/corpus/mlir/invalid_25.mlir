func.func @binary_element_types_differ(%x: tensor<4x8xf32>, %y: tensor<4x8xbf16>) {
  // expected-error @+1 {{'kiln.add' op lhs and rhs must share an element type, got f32 and bf16}}
  %0 = kiln.add %x, %y : tensor<4x8xf32>, tensor<4x8xbf16>
  return
}
