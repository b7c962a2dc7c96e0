// A huge stride still takes one element (⌈4/stride⌉ = 1).
func.func @slice_huge_stride(%x: tensor<4xf32>) -> tensor<1xf32> {
  %0 = kiln.slice %x {start = array<i64: 0>, limit = array<i64: 4>, stride = array<i64: 9223372036854775807>} : tensor<4xf32>
  return %0 : tensor<1xf32>
}
