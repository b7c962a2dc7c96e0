func.func @conv1d_padding_size(%x: tensor<1x16x64xf32>, %w: tensor<16x16x4xf32>) {
  // expected-error @+1 {{'kiln.conv1d' op padding must have 2 entries, got 1: [3]}}
  %0 = kiln.conv1d %x, %w {padding = array<i64: 3>} : tensor<1x16x64xf32>, tensor<16x16x4xf32>
  return
}
