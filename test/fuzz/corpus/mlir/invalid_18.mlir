func.func @unary_generic_result_type(%x: tensor<4xf32>) {
  // expected-error @+1 {{'kiln.sqrt' op requires the same type for all operands and results}}
  %0 = "kiln.sqrt"(%x) : (tensor<4xf32>) -> tensor<4xf16>
  return
}
