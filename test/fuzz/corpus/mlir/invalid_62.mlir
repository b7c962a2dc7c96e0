func.func @slice_limit_size(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{'kiln.slice' op limit must have 2 entries, got 3: [4, 8, 1]}}
  %0 = kiln.slice %x {start = array<i64: 0, 0>, limit = array<i64: 4, 8, 1>,
                      stride = array<i64: 1, 1>} : tensor<4x8xf32>
  return
}
