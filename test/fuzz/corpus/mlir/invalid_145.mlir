func.func @conv2d_out_channels_groups(%x: tensor<1x8x16x16xf32>, %w: tensor<6x4x3x3xf32>) {
  // expected-error @+1 {{'kiln.conv2d' op output channels (w dimension 0 = 6) must be divisible by groups = 4}}
  %0 = kiln.conv2d %x, %w {groups = 4 : i64} : tensor<1x8x16x16xf32>, tensor<6x4x3x3xf32>
  return
}
