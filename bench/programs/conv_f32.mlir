// conv_bf16's convolution in f32 (the AutoencoderKL decoder's mid blocks
// in full precision): 512 -> 512 channels at 64 x 64, padding 1. By
// default (kilnc --tf32 conv, as PyTorch's cuDNN) it runs on TF32 tensor
// cores: kiln-tf32 marks it, kiln-channels-last runs it on channels-last
// operands, the compiler stores the weight transposed, and the timed work
// is the activation's transpose and the conv. Its peer is F.conv2d with
// cuDNN's TF32 allowed, PyTorch's default.
func.func @main(%x: tensor<1x512x64x64xf32> {kiln.name = "x"})
    -> (tensor<1x512x64x64xf32> {kiln.name = "y"}) {
  %w = kiln.param "w" : tensor<512x512x3x3xf32>
  %y = kiln.conv2d %x, %w {padding = array<i64: 1, 1, 1, 1>} : tensor<1x512x64x64xf32>, tensor<512x512x3x3xf32>
  return %y : tensor<1x512x64x64xf32>
}
