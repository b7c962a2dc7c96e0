//===----------------------------------------------------------------------===//
// Normalization: layer_norm, group_norm, rms_norm
//===----------------------------------------------------------------------===//

func.func @normalization_ok(%x: tensor<2x16x768xf32>, %img: tensor<1x64x8x8xbf16>) {
  %0 = kiln.layer_norm %x : tensor<2x16x768xf32>
  %1 = kiln.layer_norm %img {axes = array<i64: 1>, eps = 1.0e-06 : f32} : tensor<1x64x8x8xbf16>
  %2 = kiln.group_norm %img {num_groups = 32 : i64, eps = 0.0 : f32} : tensor<1x64x8x8xbf16>
  %3 = kiln.rms_norm %x {eps = 1.0e-05 : f32} : tensor<2x16x768xf32>
  %4 = kiln.rms_norm %x {group_size = 64 : i64} : tensor<2x16x768xf32>
  %5 = kiln.rms_norm %x {axes = array<i64: 1, 2>} : tensor<2x16x768xf32>
  return
}
