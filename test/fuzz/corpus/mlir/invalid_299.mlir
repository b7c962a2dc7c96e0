// expected-error @+1 {{'func.func' op kiln.name "out" names both result #0 and result #1}}
func.func @name_duplicate_results(%a: tensor<4xf32>)
    -> (tensor<4xf32> {kiln.name = "out"}, tensor<4xf32> {kiln.name = "out"}) {
  return %a, %a : tensor<4xf32>, tensor<4xf32>
}
