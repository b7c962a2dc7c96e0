//===----------------------------------------------------------------------===//
// Shape and data movement: reshape, transpose, broadcast_to, concat, slice,
// pad, gather, pixel_shuffle, pixel_unshuffle, resize
//===----------------------------------------------------------------------===//

func.func @shape_ok(%x: tensor<2x3x4xf32>, %b: tensor<1x4xf32>, %t: tensor<10x8xbf16>,
                    %ids: tensor<2x5xi64>, %img: tensor<1x16x8x8xf32>) {
  %0 = kiln.reshape %x : tensor<2x3x4xf32> -> tensor<6x4xf32>
  %1 = kiln.transpose %x {perm = array<i64: 2, 0, 1>} : tensor<2x3x4xf32>
  %2 = kiln.broadcast_to %b : tensor<1x4xf32> -> tensor<6x4xf32>
  %3 = kiln.concat %0, %b {axis = -2 : i64} : tensor<6x4xf32>, tensor<1x4xf32>
  %4 = kiln.slice %x {start = array<i64: 0, -2, 0>, limit = array<i64: 2, 3, 100>,
                      stride = array<i64: 1, 1, 3>} : tensor<2x3x4xf32>
  %5 = kiln.pad %x {low = array<i64: 0, 1, 1>, high = array<i64: 0, 1, 2>,
                    mode = "reflect"} : tensor<2x3x4xf32>
  %6 = kiln.pad %x {low = array<i64: 0, 0, 0>, high = array<i64: 1, 0, 0>,
                    value = -1.0 : f32} : tensor<2x3x4xf32>
  %7 = kiln.gather %t, %ids : tensor<10x8xbf16>, tensor<2x5xi64>
  %8 = kiln.pixel_shuffle %img {factor = 2 : i64} : tensor<1x16x8x8xf32>
  %9 = kiln.pixel_unshuffle %img {factor = 4 : i64} : tensor<1x16x8x8xf32>
  %10 = kiln.resize %img {mode = "bicubic", antialias = true}
      : tensor<1x16x8x8xf32> -> tensor<1x16x3x5xf32>
  %11 = "kiln.transpose"(%b) <{perm = array<i64: 1, 0>}> : (tensor<1x4xf32>) -> tensor<4x1xf32>
  return
}
