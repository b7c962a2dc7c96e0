// conv2d_channels_last reads x as [N, H, W, C] and w as [O, kH, kW, C/groups]
// and names the dimensions where they are.
func.func @conv2d_channels_last_ok(%x: tensor<2x16x12x8xbf16>, %w: tensor<16x3x3x8xbf16>,
                                   %gw: tensor<16x3x3x4xbf16>) {
  %0 = kiln.conv2d_channels_last %x, %w {stride = array<i64: 2, 1>, padding = array<i64: 1, 1, 0, 0>}
      : tensor<2x16x12x8xbf16>, tensor<16x3x3x8xbf16>
  %1 = "kiln.conv2d_channels_last"(%x, %gw) <{groups = 2 : i64, dilation = array<i64: 2, 2>}>
      : (tensor<2x16x12x8xbf16>, tensor<16x3x3x4xbf16>) -> tensor<2x16x12x8xbf16>
  return
}
