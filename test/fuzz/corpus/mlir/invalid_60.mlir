func.func @concat_missing_axis(%a: tensor<2x4xf32>) {
  // expected-error @+1 {{'kiln.concat' op requires attribute 'axis'}}
  %0 = kiln.concat %a, %a : tensor<2x4xf32>, tensor<2x4xf32>
  return
}
