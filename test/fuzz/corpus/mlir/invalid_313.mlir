func.func @pad_overflow(%x: tensor<4xf32>) {
  // expected-error @+1 {{'kiln.pad' op padded size overflows: 4 + 9223372036854775807}}
  %0 = kiln.pad %x {low = array<i64: 9223372036854775807>, high = array<i64: 0>} : tensor<4xf32>
  return
}
