func.func @conv2d_zero_kernel(%x: tensor<1x4x8x8xf32>, %w: tensor<4x4x0x3xf32>) {
  // expected-error @+1 {{'kiln.conv2d' op the kernel must be at least 1 along H, got 0}}
  %0 = kiln.conv2d %x, %w : tensor<1x4x8x8xf32>, tensor<4x4x0x3xf32>
  return
}
