func.func @slice_start_size(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{'kiln.slice' op start must have 2 entries, got 1: [0]}}
  %0 = kiln.slice %x {start = array<i64: 0>, limit = array<i64: 4, 8>,
                      stride = array<i64: 1, 1>} : tensor<4x8xf32>
  return
}
