// Controls for numpy / PyTorch behaviour: negative slice strides, a zero
// batch dimension broadcasting against 1, reflect padding next to an empty
// dimension that is not padded.
func.func @numpy_controls(%x: tensor<4x8xf32>, %a: tensor<0x2x3xf32>, %b: tensor<1x3x4xf32>, %e: tensor<0x3x4xf32>) -> (tensor<4x8xf32>, tensor<0x2x4xf32>, tensor<0x3x6xf32>) {
  %0 = kiln.slice %x {start = array<i64: -1, 0>, limit = array<i64: -5, 8>, stride = array<i64: -1, 1>} : tensor<4x8xf32>
  %1 = kiln.matmul %a, %b : tensor<0x2x3xf32>, tensor<1x3x4xf32>
  %2 = kiln.pad %e {low = array<i64: 0, 0, 1>, high = array<i64: 0, 0, 1>, mode = "reflect"} : tensor<0x3x4xf32>
  return %0, %1, %2 : tensor<4x8xf32>, tensor<0x2x4xf32>, tensor<0x3x6xf32>
}
