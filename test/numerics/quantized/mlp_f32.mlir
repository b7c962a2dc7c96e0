// TOLERANCE: 1e-5
// A small MLP whose Linear weights get quantized: a decode row (the GEMV
// path), 20 rows (the tiled path), a K x N weight (transpose_b = false) and
// a skipped head (--quantize-skip head).
func.func @main(%x1: tensor<1x128xf32> {kiln.name = "x1"}, %x20: tensor<20x128xf32> {kiln.name = "x20"})
    -> (tensor<1x48xf32> {kiln.name = "y1"}, tensor<20x32xf32> {kiln.name = "y20"}) {
  %w1 = kiln.param "fc1.weight" : tensor<64x128xf32>
  %b1 = kiln.param "fc1.bias" : tensor<1x64xf32>
  %w2 = kiln.param "fc2.weight" : tensor<64x48xf32>
  %w3 = kiln.param "fc3.weight" : tensor<64x128xf32>
  %w4 = kiln.param "head.weight" : tensor<32x64xf32>
  %h = kiln.matmul %x1, %w1 {transpose_b = true} : tensor<1x128xf32>, tensor<64x128xf32>
  %hb = kiln.add %h, %b1 : tensor<1x64xf32>, tensor<1x64xf32>
  %a = kiln.silu %hb : tensor<1x64xf32>
  %y1 = kiln.matmul %a, %w2 : tensor<1x64xf32>, tensor<64x48xf32>
  %g = kiln.matmul %x20, %w3 {transpose_b = true} : tensor<20x128xf32>, tensor<64x128xf32>
  %ga = kiln.gelu %g : tensor<20x64xf32>
  %y20 = kiln.matmul %ga, %w4 {transpose_b = true} : tensor<20x64xf32>, tensor<32x64xf32>
  return %y1, %y20 : tensor<1x48xf32>, tensor<20x32xf32>
}
