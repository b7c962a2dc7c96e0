// expected-error @+1 {{'func.func' op kiln.name of argument #0 must be a non-empty string, got ""}}
func.func @name_empty(%x: tensor<4xf32> {kiln.name = ""}) {
  return
}
