func.func @conv2d_kernel_too_large_w(%x: tensor<1x8x16x2xf32>, %w: tensor<8x8x3x3xf32>) {
  // expected-error @+1 {{'kiln.conv2d' op the dilated kernel (3) is larger than the padded input along W (2)}}
  %0 = kiln.conv2d %x, %w : tensor<1x8x16x2xf32>, tensor<8x8x3x3xf32>
  return
}
