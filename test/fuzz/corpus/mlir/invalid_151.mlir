func.func @conv2d_channels_last_result(%x: tensor<2x16x12x8xbf16>, %gw: tensor<16x3x3x4xbf16>) {
  // expected-error @+2 {{'kiln.conv2d_channels_last' op inferred type(s) 'tensor<2x16x14x10xbf16>' are incompatible with return type(s) of operation 'tensor<2x12x16x16xbf16>'}}
  // expected-error @+1 {{'kiln.conv2d_channels_last' op failed to infer returned types}}
  %0 = "kiln.conv2d_channels_last"(%x, %gw) <{groups = 2 : i64}>
      : (tensor<2x16x12x8xbf16>, tensor<16x3x3x4xbf16>) -> tensor<2x12x16x16xbf16>
  return
}
