func.func @conv1d_zero_kernel(%x: tensor<1x4x8xf32>, %w: tensor<4x4x0xf32>) {
  // expected-error @+1 {{'kiln.conv1d' op the kernel must be at least 1 along L, got 0}}
  %0 = kiln.conv1d %x, %w : tensor<1x4x8xf32>, tensor<4x4x0xf32>
  return
}
