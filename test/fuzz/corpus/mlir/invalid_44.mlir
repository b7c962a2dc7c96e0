func.func @reshape_element_count_differs(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'kiln.reshape' op element count differs: x [2, 3] has 6, result [7] has 7}}
  %0 = kiln.reshape %x : tensor<2x3xf32> -> tensor<7xf32>
  return
}
