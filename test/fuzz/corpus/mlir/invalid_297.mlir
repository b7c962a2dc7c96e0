// expected-error @+1 {{'func.func' op kiln.name of result #0 must be a non-empty string, got 3 : i64}}
func.func @name_not_string(%x: tensor<4xf32>) -> (tensor<4xf32> {kiln.name = 3 : i64}) {
  return %x : tensor<4xf32>
}
