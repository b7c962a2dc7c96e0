func.func @concat_element_type_differs(%a: tensor<2x4xf32>, %b: tensor<2x4xbf16>) {
  // expected-error @+1 {{'kiln.concat' op input 0 and input 1 must share an element type, got f32 and bf16}}
  %0 = kiln.concat %a, %b {axis = 0 : i64} : tensor<2x4xf32>, tensor<2x4xbf16>
  return
}
