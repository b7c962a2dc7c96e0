// expected-error @+1 {{'func.func' op results #0 and #1 are both tied to argument #0}}
func.func @tied_twice(%a: tensor<4xf32>)
    -> (tensor<4xf32> {kiln.tied = 0 : i64}, tensor<4xf32> {kiln.tied = 0 : i64}) {
  return %a, %a : tensor<4xf32>, tensor<4xf32>
}
