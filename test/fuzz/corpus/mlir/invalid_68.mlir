func.func @pad_high_size(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{'kiln.pad' op high must have 2 entries, got 3: [0, 0, 0]}}
  %0 = kiln.pad %x {low = array<i64: 0, 0>, high = array<i64: 0, 0, 0>} : tensor<4x8xf32>
  return
}
