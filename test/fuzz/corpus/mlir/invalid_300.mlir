// expected-error @+1 {{'func.func' op kiln.tied = 1 of result #0 is not an argument index (the function has 1 arguments)}}
func.func @tied_out_of_range(%a: tensor<4xf32>) -> (tensor<4xf32> {kiln.tied = 1 : i64}) {
  return %a : tensor<4xf32>
}
