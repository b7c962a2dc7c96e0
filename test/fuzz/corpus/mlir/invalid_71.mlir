func.func @pad_reflect_too_large(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{'kiln.pad' op reflect padding must be smaller than the dimension: dimension 0 has size 4, low = 0, high = 4}}
  %0 = kiln.pad %x {low = array<i64: 0, 0>, high = array<i64: 4, 0>, mode = "reflect"} : tensor<4x8xf32>
  return
}
