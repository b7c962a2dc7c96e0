func.func @matmul_element_types_differ(%a: tensor<2x4xf32>, %b: tensor<4x8xbf16>) {
  // expected-error @+1 {{'kiln.matmul' op a and b must share an element type, got f32 and bf16}}
  %0 = kiln.matmul %a, %b : tensor<2x4xf32>, tensor<4x8xbf16>
  return
}
