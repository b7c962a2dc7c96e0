// TOLERANCE: 1e-4
// A VAE ResnetBlock2D half: GroupNorm(4) → SiLU → conv3×3 + bias, plus the
// shortcut.
func.func @main(%x: tensor<1x8x6x6xf32> {kiln.name = "x"}) -> (tensor<1x8x6x6xf32> {kiln.name = "y"}) {
  %w = kiln.param "conv.weight" : tensor<8x8x3x3xf32>
  %b = kiln.param "conv.bias" : tensor<1x8x1x1xf32>
  %n = kiln.group_norm %x {num_groups = 4 : i64, eps = 1.0e-06 : f32} : tensor<1x8x6x6xf32>
  %s = kiln.silu %n : tensor<1x8x6x6xf32>
  %c = kiln.conv2d %s, %w {padding = array<i64: 1, 1, 1, 1>} : tensor<1x8x6x6xf32>, tensor<8x8x3x3xf32>
  %cb = kiln.add %c, %b : tensor<1x8x6x6xf32>, tensor<1x8x1x1xf32>
  %y = kiln.add %x, %cb : tensor<1x8x6x6xf32>, tensor<1x8x6x6xf32>
  return %y : tensor<1x8x6x6xf32>
}
