func.func @pad_value_wrong_kind(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{attribute 'value' failed to satisfy constraint: 32-bit float attribute}}
  %0 = kiln.pad %x {low = array<i64: 0, 0>, high = array<i64: 0, 1>, value = 1 : i64} : tensor<4x8xf32>
  return
}
