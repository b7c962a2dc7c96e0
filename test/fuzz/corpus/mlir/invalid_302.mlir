// expected-error @+1 {{'func.func' op kiln.tied of result #0 must be an i64 argument index, got 0 : i32}}
func.func @tied_not_i64(%a: tensor<4xf32>) -> (tensor<4xf32> {kiln.tied = 0 : i32}) {
  return %a : tensor<4xf32>
}
