// compare and select on constants.
func.func @fold_compare_select(%a: tensor<3xf32>, %b: tensor<3xf32>) -> (tensor<3xi1>, tensor<3xf32>, tensor<3xf32>) {
  %x = kiln.constant dense<[1.0, 2.0, 3.0]> : tensor<3xf32>
  %y = kiln.constant dense<[2.0, 2.0, 2.0]> : tensor<3xf32>
  %0 = kiln.compare %x, %y {predicate = "lt"} : tensor<3xf32>, tensor<3xf32>
  %t = kiln.constant dense<true> : tensor<3xi1>
  %f = kiln.constant dense<false> : tensor<1xi1>
  %1 = kiln.select %t, %a, %b : tensor<3xi1>, tensor<3xf32>, tensor<3xf32>
  %2 = kiln.select %f, %a, %b : tensor<1xi1>, tensor<3xf32>, tensor<3xf32>
  return %0, %1, %2 : tensor<3xi1>, tensor<3xf32>, tensor<3xf32>
}
