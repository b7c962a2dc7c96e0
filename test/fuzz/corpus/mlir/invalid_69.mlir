func.func @pad_bad_mode(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{'kiln.pad' op mode must be one of {constant, replicate, reflect}, got "circular"}}
  %0 = kiln.pad %x {low = array<i64: 0, 1>, high = array<i64: 0, 1>, mode = "circular"} : tensor<4x8xf32>
  return
}
