func.func @add_zero_mul_one(%x: tensor<4x8xf32>) -> (tensor<4x8xf32>, tensor<4x8xf32>, tensor<4x8xf32>, tensor<4x8xf32>, tensor<4x8xf32>, tensor<4x8xf32>) {
  %zero = kiln.constant dense<0.0> : tensor<1x8xf32>
  %one = kiln.constant dense<1.0> : tensor<4x8xf32>
  %0 = kiln.add %x, %zero : tensor<4x8xf32>, tensor<1x8xf32>
  %1 = kiln.add %zero, %x : tensor<1x8xf32>, tensor<4x8xf32>
  %2 = kiln.mul %x, %one : tensor<4x8xf32>, tensor<4x8xf32>
  %3 = kiln.mul %one, %x : tensor<4x8xf32>, tensor<4x8xf32>
  %4 = kiln.sub %x, %zero : tensor<4x8xf32>, tensor<1x8xf32>
  %5 = kiln.div %x, %one : tensor<4x8xf32>, tensor<4x8xf32>
  return %0, %1, %2, %3, %4, %5 : tensor<4x8xf32>, tensor<4x8xf32>, tensor<4x8xf32>, tensor<4x8xf32>, tensor<4x8xf32>, tensor<4x8xf32>
}
