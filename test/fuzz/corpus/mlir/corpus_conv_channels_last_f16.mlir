// TOLERANCE: 1e-3
// f16 convolutions the channels-last kernel runs (kiln-channels-last): a 3x3
// conv over 143 pixels and 80 channels (three pixel tiles, a partial second
// channel tile) whose 24 input channels end a 16-byte chunk inside a
// reduction slab, with its bias and ReLU; a grouped stride-2 conv with
// asymmetric padding; a 1x1 conv.
func.func @main(%x: tensor<1x24x11x13xf16> {kiln.name = "x"}, %g: tensor<2x48x7x7xf16> {kiln.name = "g"},
                %p: tensor<1x32x5x6xf16> {kiln.name = "p"})
    -> (tensor<1x80x11x13xf16>, tensor<2x96x3x4xf16>, tensor<1x48x5x6xf16>) {
  %w0 = kiln.param "w0" : tensor<80x24x3x3xf16>
  %b0 = kiln.param "b0" : tensor<1x80x1x1xf16>
  %w1 = kiln.param "w1" : tensor<96x16x3x3xf16>
  %w2 = kiln.param "w2" : tensor<48x32x1x1xf16>
  %c0 = kiln.conv2d %x, %w0 {padding = array<i64: 1, 1, 1, 1>} : tensor<1x24x11x13xf16>, tensor<80x24x3x3xf16>
  %a0 = kiln.add %c0, %b0 : tensor<1x80x11x13xf16>, tensor<1x80x1x1xf16>
  %y0 = kiln.relu %a0 : tensor<1x80x11x13xf16>
  %y1 = kiln.conv2d %g, %w1 {groups = 3 : i64, stride = array<i64: 2, 2>, padding = array<i64: 1, 0, 2, 1>} : tensor<2x48x7x7xf16>, tensor<96x16x3x3xf16>
  %y2 = kiln.conv2d %p, %w2 : tensor<1x32x5x6xf16>, tensor<48x32x1x1xf16>
  return %y0, %y1, %y2 : tensor<1x80x11x13xf16>, tensor<2x96x3x4xf16>, tensor<1x48x5x6xf16>
}
