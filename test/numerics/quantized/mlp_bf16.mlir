// TOLERANCE: 2e-2
// bf16 activations: the tiled path runs on tensor cores. A small MLP whose Linear weights get quantized: a decode row (the GEMV
// path), 20 rows (the tiled path), a K x N weight (transpose_b = false) and
// a skipped head (--quantize-skip head).
func.func @main(%x1: tensor<1x128xbf16> {kiln.name = "x1"}, %x20: tensor<20x128xbf16> {kiln.name = "x20"})
    -> (tensor<1x48xbf16> {kiln.name = "y1"}, tensor<20x32xbf16> {kiln.name = "y20"}) {
  %w1 = kiln.param "fc1.weight" : tensor<64x128xbf16>
  %b1 = kiln.param "fc1.bias" : tensor<1x64xbf16>
  %w2 = kiln.param "fc2.weight" : tensor<64x48xbf16>
  %w3 = kiln.param "fc3.weight" : tensor<64x128xbf16>
  %w4 = kiln.param "head.weight" : tensor<32x64xbf16>
  %h = kiln.matmul %x1, %w1 {transpose_b = true} : tensor<1x128xbf16>, tensor<64x128xbf16>
  %hb = kiln.add %h, %b1 : tensor<1x64xbf16>, tensor<1x64xbf16>
  %a = kiln.silu %hb : tensor<1x64xbf16>
  %y1 = kiln.matmul %a, %w2 : tensor<1x64xbf16>, tensor<64x48xbf16>
  %g = kiln.matmul %x20, %w3 {transpose_b = true} : tensor<20x128xbf16>, tensor<64x128xbf16>
  %ga = kiln.gelu %g : tensor<20x64xbf16>
  %y20 = kiln.matmul %ga, %w4 {transpose_b = true} : tensor<20x64xbf16>, tensor<32x64xbf16>
  return %y1, %y20 : tensor<1x48xbf16>, tensor<20x32xbf16>
}
