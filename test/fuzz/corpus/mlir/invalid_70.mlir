func.func @pad_negative(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{'kiln.pad' op low and high must be >= 0, got low = [0, -1], high = [0, 0]}}
  %0 = kiln.pad %x {low = array<i64: 0, -1>, high = array<i64: 0, 0>} : tensor<4x8xf32>
  return
}
