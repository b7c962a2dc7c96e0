// Two bf16 x · Wᵀ matmuls: 2048 x 2048 (256 tiles of 128 x 128) and
// 256 x 256 (4 tiles).
func.func @main(%x: tensor<2048x64xbf16>, %w: tensor<2048x64xbf16>, %s: tensor<256x64xbf16>, %v: tensor<256x64xbf16>)
    -> (tensor<2048x2048xbf16>, tensor<256x256xbf16>) {
  %0 = kiln.matmul %x, %w {transpose_b = true} : tensor<2048x64xbf16>, tensor<2048x64xbf16>
  %1 = kiln.matmul %s, %v {transpose_b = true} : tensor<256x64xbf16>, tensor<256x64xbf16>
  return %0, %1 : tensor<2048x2048xbf16>, tensor<256x256xbf16>
}
