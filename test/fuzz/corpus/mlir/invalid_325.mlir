// expected-error @+1 {{'func.func' op unknown kiln attribute 'kiln.tied' on an operation}}
func.func @kiln_attribute_on_func(%x: tensor<4xf32>) attributes {kiln.tied = 0 : i64} {
  return
}
