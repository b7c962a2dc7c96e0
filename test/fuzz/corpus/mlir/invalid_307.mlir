// expected-error @+1 {{'func.func' op unknown kiln result attribute 'kiln.alias' on result #0 (expected kiln.name or kiln.tied)}}
func.func @unknown_result_attribute(%a: tensor<4xf32>) -> (tensor<4xf32> {kiln.alias = 0 : i64}) {
  return %a : tensor<4xf32>
}
