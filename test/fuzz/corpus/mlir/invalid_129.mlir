//===----------------------------------------------------------------------===//
// Linear algebra and convolution: matmul, conv2d, conv_transpose2d, conv1d
//===----------------------------------------------------------------------===//

func.func @linalg_ok(%x: tensor<16x784xf32>, %w: tensor<400x784xf32>,
                     %q: tensor<2x8x64x32xbf16>, %k: tensor<8x32x64xbf16>,
                     %img: tensor<1x8x16x16xf32>, %cw: tensor<8x8x3x3xf32>,
                     %dw: tensor<8x1x3x3xf32>, %tw: tensor<8x4x2x2xf32>,
                     %seq: tensor<1x16x64xf32>, %sw: tensor<16x1x4xf32>,
                     %t: tensor<16x5xf32>) {
  %0 = kiln.matmul %x, %w {transpose_b = true} : tensor<16x784xf32>, tensor<400x784xf32>
  %1 = kiln.matmul %q, %k : tensor<2x8x64x32xbf16>, tensor<8x32x64xbf16>
  %2 = kiln.matmul %x, %t {transpose_a = true} : tensor<16x784xf32>, tensor<16x5xf32>
  %3 = kiln.conv2d %img, %cw {stride = array<i64: 2, 2>, padding = array<i64: 0, 1, 0, 1>}
      : tensor<1x8x16x16xf32>, tensor<8x8x3x3xf32>
  %4 = kiln.conv2d %img, %dw {groups = 8 : i64, dilation = array<i64: 2, 2>}
      : tensor<1x8x16x16xf32>, tensor<8x1x3x3xf32>
  %5 = kiln.conv_transpose2d %img, %tw {stride = array<i64: 2, 2>, output_padding = array<i64: 1, 1>}
      : tensor<1x8x16x16xf32>, tensor<8x4x2x2xf32>
  %6 = kiln.conv1d %seq, %sw {groups = 16 : i64, padding = array<i64: 3, 0>}
      : tensor<1x16x64xf32>, tensor<16x1x4xf32>
  %7 = "kiln.conv1d"(%seq, %sw) <{groups = 16 : i64, stride = 2 : i64}>
      : (tensor<1x16x64xf32>, tensor<16x1x4xf32>) -> tensor<1x16x31xf32>
  return
}
