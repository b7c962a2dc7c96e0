func.func @conv1d_stride_wrong_kind(%x: tensor<1x16x64xf32>, %w: tensor<16x16x4xf32>) {
  // expected-error @+1 {{attribute 'stride' failed to satisfy constraint: 64-bit signless integer attribute}}
  %0 = kiln.conv1d %x, %w {stride = array<i64: 2>} : tensor<1x16x64xf32>, tensor<16x16x4xf32>
  return
}
