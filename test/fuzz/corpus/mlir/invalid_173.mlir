func.func @conv1d_w_in_channels(%x: tensor<1x16x64xf32>, %w: tensor<16x16x4xf32>) {
  // expected-error @+1 {{'kiln.conv1d' op w has C/groups (dimension 1) = 16, expected 1}}
  %0 = kiln.conv1d %x, %w {groups = 16 : i64} : tensor<1x16x64xf32>, tensor<16x16x4xf32>
  return
}
