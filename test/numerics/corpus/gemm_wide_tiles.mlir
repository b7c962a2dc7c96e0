// TOLERANCE: 1e-2
// The 8-warp 128x128 tensor-core tile (kiln.tile forces it at sizes the
// cpu device runs quickly): bf16 with B as K x N, 300 rows (two full tiles
// and a partial third) by 264 columns (a partial third tile of 8), K = 72
// (two full 32-deep slabs and a partial one, so the four-stage ring runs
// with fewer slabs than stages at first and drains), bias and ReLU staged
// through shared memory into 16-byte stores; f16 with B as N x K per batch,
// 136 x 200, K = 40; N = 132 with B as N x K, not a whole number of 16-byte
// vectors, whose epilogue stores element by element; and channels-last
// bf16 convolutions on the same tile: 16 x 17 pixels (whole vectors along
// each channel's pixels: staged) by 136 channels, and 11 x 13 pixels (not:
// element stores), with bias and SiLU.
func.func @main(%x: tensor<300x72xbf16> {kiln.name = "x"}, %xh: tensor<2x136x40xf16> {kiln.name = "xh"},
                %wt: tensor<2x200x40xf16> {kiln.name = "wt"}, %xo: tensor<130x32xbf16> {kiln.name = "xo"},
                %wo: tensor<132x32xbf16> {kiln.name = "wo"}, %img: tensor<1x16x16x17xbf16> {kiln.name = "img"},
                %img2: tensor<2x16x11x13xbf16> {kiln.name = "img2"})
    -> (tensor<300x264xbf16> {kiln.name = "y"}, tensor<2x136x200xf16> {kiln.name = "z"},
        tensor<130x132xbf16> {kiln.name = "o"}, tensor<1x136x16x17xbf16> {kiln.name = "c"},
        tensor<2x136x11x13xbf16> {kiln.name = "c2"}) {
  %w = kiln.param "w" : tensor<72x264xbf16>
  %b = kiln.param "b" : tensor<1x264xbf16>
  %0 = kiln.matmul %x, %w {kiln.tile = "128x128"} : tensor<300x72xbf16>, tensor<72x264xbf16>
  %1 = kiln.add %0, %b : tensor<300x264xbf16>, tensor<1x264xbf16>
  %2 = kiln.relu %1 : tensor<300x264xbf16>
  %3 = kiln.matmul %xh, %wt {transpose_b = true, kiln.tile = "128x128"} : tensor<2x136x40xf16>, tensor<2x200x40xf16>
  %4 = kiln.matmul %xo, %wo {transpose_b = true, kiln.tile = "128x128"} : tensor<130x32xbf16>, tensor<132x32xbf16>
  %cw = kiln.param "cw" : tensor<136x16x3x3xbf16>
  %cb = kiln.param "cb" : tensor<1x136x1x1xbf16>
  %c0 = kiln.conv2d %img, %cw {padding = array<i64: 1, 1, 1, 1>, kiln.tile = "128x128"} : tensor<1x16x16x17xbf16>, tensor<136x16x3x3xbf16>
  %c1 = kiln.add %c0, %cb : tensor<1x136x16x17xbf16>, tensor<1x136x1x1xbf16>
  %c2 = kiln.silu %c1 : tensor<1x136x16x17xbf16>
  %d0 = kiln.conv2d %img2, %cw {padding = array<i64: 1, 1, 1, 1>, kiln.tile = "128x128"} : tensor<2x16x11x13xbf16>, tensor<136x16x3x3xbf16>
  %d1 = kiln.add %d0, %cb : tensor<2x136x11x13xbf16>, tensor<1x136x1x1xbf16>
  return %2, %3, %4, %c2, %d1 : tensor<300x264xbf16>, tensor<2x136x200xf16>, tensor<130x132xbf16>, tensor<1x136x16x17xbf16>, tensor<2x136x11x13xbf16>
}
