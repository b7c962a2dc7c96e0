// An f16 param, for weights stored as F32.
func.func @main(%x: tensor<2x3xf16> {kiln.name = "x"}) -> (tensor<2x3xf16> {kiln.name = "y"}) {
  %w = kiln.param "w" : tensor<2x3xf16>
  %y = kiln.add %x, %w : tensor<2x3xf16>, tensor<2x3xf16>
  return %y : tensor<2x3xf16>
}
