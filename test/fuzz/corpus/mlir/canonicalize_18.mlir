// A reversed slice is not the identity even when it keeps every element.
func.func @reversed_slice_kept(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = kiln.slice %x {start = array<i64: -1>, limit = array<i64: -5>, stride = array<i64: -1>} : tensor<4xf32>
  return %0 : tensor<4xf32>
}
