// 3x3 convolution as in the AutoencoderKL decoder's mid blocks: 512 -> 512
// channels at 64 x 64, padding 1, bf16 (implicit GEMM on tensor cores). The
// weight is a param, as in the model: kiln-channels-last runs the conv on
// channels-last operands and the compiler stores the weight transposed, so
// the timed work is the activation's transpose and the conv.
func.func @main(%x: tensor<1x512x64x64xbf16> {kiln.name = "x"})
    -> (tensor<1x512x64x64xbf16> {kiln.name = "y"}) {
  %w = kiln.param "w" : tensor<512x512x3x3xbf16>
  %y = kiln.conv2d %x, %w {padding = array<i64: 1, 1, 1, 1>} : tensor<1x512x64x64xbf16>, tensor<512x512x3x3xbf16>
  return %y : tensor<1x512x64x64xbf16>
}
