// TOLERANCE: 2e-3
// Convolutions as implicit GEMMs on the TF32 tile (the default for f32
// convolutions; test/codegen/tf32.test also runs it exact): a 3x3 conv with its bias
// and SiLU (several pixel tiles, 24 channels in a 64-wide tile), the VAE's
// stride-2 downsample with padding [0, 1, 0, 1], a grouped conv with
// dilation, a conv1d with stride, and a conv_transpose2d with stride 2 and
// output padding (the gather form).
func.func @main(%x: tensor<2x8x9x9xf32> {kiln.name = "x"}, %s: tensor<1x32x6x6xf32> {kiln.name = "s"},
                %l: tensor<2x16x20xf32> {kiln.name = "l"})
    -> (tensor<2x24x9x9xf32>, tensor<2x16x4x4xf32>, tensor<1x32x2x2xf32>, tensor<2x16x10xf32>, tensor<2x16x18x18xf32>) {
  %w0 = kiln.param "w0" : tensor<24x8x3x3xf32>
  %b0 = kiln.param "b0" : tensor<1x24x1x1xf32>
  %w1 = kiln.param "w1" : tensor<16x8x3x3xf32>
  %w2 = kiln.param "w2" : tensor<32x16x3x3xf32>
  %w3 = kiln.param "w3" : tensor<16x16x3xf32>
  %w4 = kiln.param "w4" : tensor<8x16x3x3xf32>
  %c0 = kiln.conv2d %x, %w0 {padding = array<i64: 1, 1, 1, 1>} : tensor<2x8x9x9xf32>, tensor<24x8x3x3xf32>
  %a0 = kiln.add %c0, %b0 : tensor<2x24x9x9xf32>, tensor<1x24x1x1xf32>
  %y0 = kiln.silu %a0 : tensor<2x24x9x9xf32>
  %y1 = kiln.conv2d %x, %w1 {stride = array<i64: 2, 2>, padding = array<i64: 0, 1, 0, 1>} : tensor<2x8x9x9xf32>, tensor<16x8x3x3xf32>
  %y2 = kiln.conv2d %s, %w2 {groups = 2 : i64, dilation = array<i64: 2, 2>} : tensor<1x32x6x6xf32>, tensor<32x16x3x3xf32>
  %y3 = kiln.conv1d %l, %w3 {stride = 2 : i64, padding = array<i64: 1, 0>} : tensor<2x16x20xf32>, tensor<16x16x3xf32>
  %y4 = kiln.conv_transpose2d %x, %w4 {stride = array<i64: 2, 2>, padding = array<i64: 1, 1>, output_padding = array<i64: 1, 1>} : tensor<2x8x9x9xf32>, tensor<8x16x3x3xf32>
  return %y0, %y1, %y2, %y3, %y4 : tensor<2x24x9x9xf32>, tensor<2x16x4x4xf32>, tensor<1x32x2x2xf32>, tensor<2x16x10xf32>, tensor<2x16x18x18xf32>
}
