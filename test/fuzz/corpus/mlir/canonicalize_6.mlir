// A strided or offset slice is kept.
func.func @real_slice(%x: tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<2x5xf32>) {
  %0 = kiln.slice %x {start = array<i64: 0, 0>, limit = array<i64: 2, 3>, stride = array<i64: 2, 1>} : tensor<2x3xf32>
  %1 = kiln.concat %0, %0 {axis = 0 : i64} : tensor<1x3xf32>, tensor<1x3xf32>
  %2 = kiln.pad %x {low = array<i64: 0, 1>, high = array<i64: 0, 1>} : tensor<2x3xf32>
  return %1, %2 : tensor<2x3xf32>, tensor<2x5xf32>
}
