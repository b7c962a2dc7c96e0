// KILNC: --quantize int4 --block-size 64
// W4A16: bf16 activations against a 4096 x 4096 Linear weight quantized
// to int4 (blocks of 64 along K, f32 scales), decode (M = 1, the GEMV) and
// M = 16 (the tensor-core tiles) against the same weight; the peer is bf16
// F.linear of both shapes.
func.func @main(%x1: tensor<1x4096xbf16> {kiln.name = "x1"}, %x16: tensor<16x4096xbf16> {kiln.name = "x16"})
    -> (tensor<1x4096xbf16> {kiln.name = "y1"}, tensor<16x4096xbf16> {kiln.name = "y16"}) {
  %w = kiln.param "w" : tensor<4096x4096xbf16>
  %y1 = kiln.matmul %x1, %w {transpose_b = true} : tensor<1x4096xbf16>, tensor<4096x4096xbf16>
  %y16 = kiln.matmul %x16, %w {transpose_b = true} : tensor<16x4096xbf16>, tensor<4096x4096xbf16>
  return %y1, %y16 : tensor<1x4096xbf16>, tensor<16x4096xbf16>
}
