// expected-error @+1 {{'func.func' op kiln.name "x" names both argument #0 and argument #2}}
func.func @name_duplicate_arguments(%a: tensor<4xf32> {kiln.name = "x"}, %b: tensor<4xf32> {kiln.name = "y"},
                                    %c: tensor<4xf32> {kiln.name = "x"}) {
  return
}
