// expected-error @+1 {{'func.func' op unknown kiln argument attribute 'kiln.weight' on argument #0 (expected kiln.name)}}
func.func @unknown_argument_attribute(%a: tensor<4xf32> {kiln.weight = "w"}) {
  return
}
