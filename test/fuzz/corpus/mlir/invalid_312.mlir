func.func @conv_transpose2d_zero_kernel(%x: tensor<1x4x8x8xf32>, %w: tensor<4x4x3x0xf32>) {
  // expected-error @+1 {{'kiln.conv_transpose2d' op the kernel must be at least 1 along W, got 0}}
  %0 = kiln.conv_transpose2d %x, %w : tensor<1x4x8x8xf32>, tensor<4x4x3x0xf32>
  return
}
