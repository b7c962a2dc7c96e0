func.func @pad_replicate_empty(%x: tensor<0x8xf32>) {
  // expected-error @+1 {{'kiln.pad' op replicate padding of empty dimension 0}}
  %0 = kiln.pad %x {low = array<i64: 1, 0>, high = array<i64: 0, 0>, mode = "replicate"} : tensor<0x8xf32>
  return
}
