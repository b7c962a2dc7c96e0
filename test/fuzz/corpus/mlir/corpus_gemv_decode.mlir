// TOLERANCE: 2e-2
// Decode-sized matmuls against Linear weights (transpose_b) run as GEMVs:
// one row and five rows, bf16 with K a multiple of 8 (vector loads) plus
// bias and SiLU, f32 with a ragged K of 37, batched with a broadcast
// weight.
func.func @main(%x1: tensor<1x264xbf16> {kiln.name = "x1"}, %x5: tensor<5x264xbf16> {kiln.name = "x5"},
                %xf: tensor<2x3x37xf32> {kiln.name = "xf"})
    -> (tensor<1x40xbf16>, tensor<5x40xbf16>, tensor<2x3x19xf32>) {
  %w = kiln.param "w" : tensor<40x264xbf16>
  %b = kiln.param "b" : tensor<1x40xbf16>
  %wf = kiln.param "wf" : tensor<19x37xf32>
  %0 = kiln.matmul %x1, %w {transpose_b = true} : tensor<1x264xbf16>, tensor<40x264xbf16>
  %1 = kiln.add %0, %b : tensor<1x40xbf16>, tensor<1x40xbf16>
  %y1 = kiln.silu %1 : tensor<1x40xbf16>
  %y5 = kiln.matmul %x5, %w {transpose_b = true} : tensor<5x264xbf16>, tensor<40x264xbf16>
  %yf = kiln.matmul %xf, %wf {transpose_b = true} : tensor<2x3x37xf32>, tensor<19x37xf32>
  return %y1, %y5, %yf : tensor<1x40xbf16>, tensor<5x40xbf16>, tensor<2x3x19xf32>
}
