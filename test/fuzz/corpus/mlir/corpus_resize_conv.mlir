// TOLERANCE: 1e-4
// The VAE Upsample: nearest ×2, then conv3×3 pad 1 with bias; and the
// asymmetric-pad stride-2 Downsample.
func.func @main(%x: tensor<1x4x5x5xf32> {kiln.name = "x"}) -> (tensor<1x4x10x10xf32> {kiln.name = "up"}, tensor<1x4x2x2xf32> {kiln.name = "down"}) {
  %w = kiln.param "w" : tensor<4x4x3x3xf32>
  %b = kiln.param "b" : tensor<1x4x1x1xf32>
  %u = kiln.resize %x {mode = "nearest"} : tensor<1x4x5x5xf32> -> tensor<1x4x10x10xf32>
  %c = kiln.conv2d %u, %w {padding = array<i64: 1, 1, 1, 1>} : tensor<1x4x10x10xf32>, tensor<4x4x3x3xf32>
  %up = kiln.add %c, %b : tensor<1x4x10x10xf32>, tensor<1x4x1x1xf32>
  %p = kiln.pad %x {low = array<i64: 0, 0, 0, 0>, high = array<i64: 0, 0, 1, 1>} : tensor<1x4x5x5xf32>
  %d = kiln.conv2d %p, %w {stride = array<i64: 2, 2>} : tensor<1x4x6x6xf32>, tensor<4x4x3x3xf32>
  return %up, %d : tensor<1x4x10x10xf32>, tensor<1x4x2x2xf32>
}
