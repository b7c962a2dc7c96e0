// Integer identities too.
func.func @int_identities(%x: tensor<4xi32>) -> (tensor<4xi32>, tensor<4xi32>) {
  %zero = kiln.constant dense<0> : tensor<4xi32>
  %one = kiln.constant dense<1> : tensor<4xi32>
  %0 = kiln.add %x, %zero : tensor<4xi32>, tensor<4xi32>
  %1 = kiln.mul %one, %x : tensor<4xi32>, tensor<4xi32>
  return %0, %1 : tensor<4xi32>, tensor<4xi32>
}
