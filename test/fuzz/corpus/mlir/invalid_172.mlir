func.func @conv1d_out_channels_groups(%x: tensor<1x16x64xf32>, %w: tensor<6x4x4xf32>) {
  // expected-error @+1 {{'kiln.conv1d' op output channels (w dimension 0 = 6) must be divisible by groups = 4}}
  %0 = kiln.conv1d %x, %w {groups = 4 : i64} : tensor<1x16x64xf32>, tensor<6x4x4xf32>
  return
}
