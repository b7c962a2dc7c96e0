func.func @slice_missing_stride(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{'kiln.slice' op requires attribute 'stride'}}
  %0 = kiln.slice %x {start = array<i64: 0, 0>, limit = array<i64: 4, 8>} : tensor<4x8xf32>
  return
}
