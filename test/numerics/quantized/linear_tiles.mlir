// TOLERANCE: 2e-2
// The quantized tensor-core tiles (kiln::QuantizedSlabs): bf16 with 150
// rows (the 128-row tile: a full and a partial tile) against an 80 x 128
// Linear weight (a full and a partial 64-wide column tile, four 32-wide
// slabs) with its bias; f16 with 24 rows (the 64-row tile) against a
// 40 x 256 weight.
func.func @main(%x: tensor<150x128xbf16> {kiln.name = "x"}, %xh: tensor<24x256xf16> {kiln.name = "xh"})
    -> (tensor<150x80xbf16> {kiln.name = "y"}, tensor<24x40xf16> {kiln.name = "yh"}) {
  %w = kiln.param "fc.weight" : tensor<80x128xbf16>
  %b = kiln.param "fc.bias" : tensor<1x80xbf16>
  %wh = kiln.param "proj.weight" : tensor<40x256xf16>
  %0 = kiln.matmul %x, %w {transpose_b = true} : tensor<150x128xbf16>, tensor<80x128xbf16>
  %y = kiln.add %0, %b : tensor<150x80xbf16>, tensor<1x80xbf16>
  %yh = kiln.matmul %xh, %wh {transpose_b = true} : tensor<24x256xf16>, tensor<40x256xf16>
  return %y, %yh : tensor<150x80xbf16>, tensor<24x40xf16>
}
