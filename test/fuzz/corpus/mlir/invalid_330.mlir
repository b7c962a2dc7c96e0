// An unnamed argument is called arg1, so naming another one "arg1" clashes.
// expected-error @+1 {{'func.func' op kiln.name "arg1" names both argument #0 and argument #1}}
func.func @name_clashes_with_default(%a: tensor<4xf32> {kiln.name = "arg1"}, %b: tensor<4xf32>) {
  return
}
