func.func @compare_element_types_differ(%x: tensor<4xf32>, %y: tensor<4xi32>) {
  // expected-error @+1 {{'kiln.compare' op lhs and rhs must share an element type, got f32 and i32}}
  %0 = kiln.compare %x, %y {predicate = "eq"} : tensor<4xf32>, tensor<4xi32>
  return
}
