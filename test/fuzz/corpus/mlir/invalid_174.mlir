func.func @conv1d_kernel_too_large(%x: tensor<1x16x3xf32>, %w: tensor<16x16x4xf32>) {
  // expected-error @+1 {{'kiln.conv1d' op the dilated kernel (4) is larger than the padded input along L (3)}}
  %0 = kiln.conv1d %x, %w : tensor<1x16x3xf32>, tensor<16x16x4xf32>
  return
}
