// Decode step of a Linear layer: one row against a 4096 x 4096 bf16 weight
// (transpose_b, the GEMV path); bound by reading the 32 MiB weight.
func.func @main(%x: tensor<1x4096xbf16> {kiln.name = "x"}, %w: tensor<4096x4096xbf16> {kiln.name = "w"})
    -> (tensor<1x4096xbf16> {kiln.name = "y"}) {
  %y = kiln.matmul %x, %w {transpose_b = true} : tensor<1x4096xbf16>, tensor<4096x4096xbf16>
  return %y : tensor<1x4096xbf16>
}
