func.func @slice_reverse_every_other(%x: tensor<5xf32>) -> tensor<3xf32> {
  %0 = kiln.slice %x {start = array<i64: 10>, limit = array<i64: -10>, stride = array<i64: -2>} : tensor<5xf32>
  return %0 : tensor<3xf32>
}
