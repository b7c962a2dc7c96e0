func.func @conv_transpose2d_stride_overflow(%x: tensor<1x4x8x8xf32>, %w: tensor<4x4x3x3xf32>) {
  // expected-error @+1 {{'kiln.conv_transpose2d' op (input - 1) * stride overflows: 7 * 4611686018427387904}}
  %0 = kiln.conv_transpose2d %x, %w {stride = array<i64: 4611686018427387904, 1>} : tensor<1x4x8x8xf32>, tensor<4x4x3x3xf32>
  return
}
