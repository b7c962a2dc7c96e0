// TOLERANCE: 0
// Tiled transposes (kiln_transpose.cuh) crossing their 64 x 64 tile edges
// on both sides, with partial tiles: NCHW -> NHWC in bf16 (72 channels,
// 136 pixels, two images), an f32 matrix with a batch, and i8 swapping the
// last two dimensions; exact, they move bits.
func.func @main(%x: tensor<2x72x8x17xbf16> {kiln.name = "x"}, %m: tensor<3x68x132xf32> {kiln.name = "m"},
                %q: tensor<2x80x96xi8> {kiln.name = "q"})
    -> (tensor<2x8x17x72xbf16>, tensor<3x132x68xf32>, tensor<2x96x80xi8>) {
  %0 = kiln.transpose %x {perm = array<i64: 0, 2, 3, 1>} : tensor<2x72x8x17xbf16>
  %1 = kiln.transpose %m {perm = array<i64: 0, 2, 1>} : tensor<3x68x132xf32>
  %2 = kiln.transpose %q {perm = array<i64: 0, 2, 1>} : tensor<2x80x96xi8>
  return %0, %1, %2 : tensor<2x8x17x72xbf16>, tensor<3x132x68xf32>, tensor<2x96x80xi8>
}
