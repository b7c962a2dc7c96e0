// Adding a zero that broadcasts x to a larger shape changes the shape: kept.
// Subtracting x from zero is not an identity either.
func.func @identities_that_are_not(%x: tensor<1x8xf32>) -> (tensor<4x8xf32>, tensor<1x8xf32>) {
  %zero = kiln.constant dense<0.0> : tensor<4x8xf32>
  %0 = kiln.add %x, %zero : tensor<1x8xf32>, tensor<4x8xf32>
  %z1 = kiln.constant dense<0.0> : tensor<1x8xf32>
  %1 = kiln.sub %z1, %x : tensor<1x8xf32>, tensor<1x8xf32>
  return %0, %1 : tensor<4x8xf32>, tensor<1x8xf32>
}
