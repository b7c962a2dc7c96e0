func.func @conv_transpose2d_channel_overflow(%x: tensor<1x0x4x4xf32>, %w: tensor<0x1099511627776x1x1xf32>) {
  // expected-error @+1 {{'kiln.conv_transpose2d' op output channels overflows: 1099511627776 * 16777216}}
  %0 = kiln.conv_transpose2d %x, %w {groups = 16777216 : i64} : tensor<1x0x4x4xf32>, tensor<0x1099511627776x1x1xf32>
  return
}
