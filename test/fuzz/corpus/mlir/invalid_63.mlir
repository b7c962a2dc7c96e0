func.func @slice_stride_size(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{'kiln.slice' op stride must have 2 entries, got 0: []}}
  %0 = kiln.slice %x {start = array<i64: 0, 0>, limit = array<i64: 4, 8>,
                      stride = array<i64>} : tensor<4x8xf32>
  return
}
