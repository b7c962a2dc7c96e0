func.func @pad_low_size(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{'kiln.pad' op low must have 2 entries, got 1: [1]}}
  %0 = kiln.pad %x {low = array<i64: 1>, high = array<i64: 0, 0>} : tensor<4x8xf32>
  return
}
