func.func @conv2d_kernel_too_large(%x: tensor<1x8x4x16xf32>, %w: tensor<8x8x3x3xf32>) {
  // expected-error @+1 {{'kiln.conv2d' op the dilated kernel (5) is larger than the padded input along H (4)}}
  %0 = kiln.conv2d %x, %w {dilation = array<i64: 2, 1>} : tensor<1x8x4x16xf32>, tensor<8x8x3x3xf32>
  return
}
