func.func @slice_stride_not_positive(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{'kiln.slice' op stride entries must be non-zero, got [1, 0]}}
  %0 = kiln.slice %x {start = array<i64: 0, 0>, limit = array<i64: 4, 8>,
                      stride = array<i64: 1, 0>} : tensor<4x8xf32>
  return
}
