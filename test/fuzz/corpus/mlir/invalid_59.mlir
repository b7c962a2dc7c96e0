func.func @concat_other_dim_differs(%a: tensor<2x4xf32>, %b: tensor<2x5xf32>) {
  // expected-error @+1 {{'kiln.concat' op inputs differ in dimension 1 (not the concat axis 0): input 0 has 4, input 1 has 5}}
  %0 = kiln.concat %a, %b {axis = 0 : i64} : tensor<2x4xf32>, tensor<2x5xf32>
  return
}
