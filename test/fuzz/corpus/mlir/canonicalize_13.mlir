// Casts to integers round half to even and saturate; i8 arithmetic wraps.
func.func @fold_casts() -> (tensor<6xi8>, tensor<3xi1>, tensor<4xi8>) {
  %f = kiln.constant dense<[2.5, 3.5, -2.5, 300.0, -300.0, 0.4]> : tensor<6xf32>
  %0 = kiln.cast %f : tensor<6xf32> to tensor<6xi8>
  %g = kiln.constant dense<[0.0, -0.5, 2.0]> : tensor<3xf32>
  %1 = kiln.cast %g : tensor<3xf32> to tensor<3xi1>
  %m = kiln.constant dense<127> : tensor<4xi8>
  %one = kiln.constant dense<1> : tensor<4xi8>
  %2 = kiln.add %m, %one : tensor<4xi8>, tensor<4xi8>
  return %0, %1, %2 : tensor<6xi8>, tensor<3xi1>, tensor<4xi8>
}
