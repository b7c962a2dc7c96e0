// TOLERANCE: 2e-2
// LayerNorm with its affine parameters, then SiLU, in bf16.
func.func @main(%x: tensor<4x16x32xbf16> {kiln.name = "x"}) -> (tensor<4x16x32xbf16> {kiln.name = "y"}) {
  %w = kiln.param "w" : tensor<1x1x32xbf16>
  %b = kiln.param "b" : tensor<1x1x32xbf16>
  %n = kiln.layer_norm %x : tensor<4x16x32xbf16>
  %a = kiln.mul %n, %w : tensor<4x16x32xbf16>, tensor<1x1x32xbf16>
  %c = kiln.add %a, %b : tensor<4x16x32xbf16>, tensor<1x1x32xbf16>
  %y = kiln.silu %c : tensor<4x16x32xbf16>
  return %y : tensor<4x16x32xbf16>
}
