// expected-error @+1 {{'func.func' op kiln.tied is a result attribute (on argument #0)}}
func.func @tied_on_argument(%a: tensor<4xf32> {kiln.tied = 0 : i64}) {
  return
}
