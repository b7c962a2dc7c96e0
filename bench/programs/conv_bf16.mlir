// 3x3 convolution as in the AutoencoderKL decoder's mid blocks: 512 -> 512
// channels at 64 x 64, padding 1, bf16 (implicit GEMM on tensor cores).
func.func @main(%x: tensor<1x512x64x64xbf16> {kiln.name = "x"}, %w: tensor<512x512x3x3xbf16> {kiln.name = "w"})
    -> (tensor<1x512x64x64xbf16> {kiln.name = "y"}) {
  %y = kiln.conv2d %x, %w {padding = array<i64: 1, 1, 1, 1>} : tensor<1x512x64x64xbf16>, tensor<512x512x3x3xbf16>
  return %y : tensor<1x512x64x64xbf16>
}
