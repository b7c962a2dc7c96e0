func.func @conv2d_dilation_overflow(%x: tensor<1x4x8x8xf32>, %w: tensor<4x4x3x3xf32>) {
  // expected-error @+1 {{'kiln.conv2d' op dilation * (kernel - 1) overflows: 4611686018427387904 * 2}}
  %0 = kiln.conv2d %x, %w {dilation = array<i64: 4611686018427387904, 1>} : tensor<1x4x8x8xf32>, tensor<4x4x3x3xf32>
  return
}
