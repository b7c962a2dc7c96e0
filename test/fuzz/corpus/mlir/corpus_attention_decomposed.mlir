// TOLERANCE: 1e-4
// f32 attention without masks decomposes into q·kᵀ (scale fused), a row
// softmax and ·v — the AutoencoderKL mid-block shape: one head of 512 over
// 80 positions (two 64-row tiles).
func.func @main(%q: tensor<1x1x80x512xf32> {kiln.name = "q"}, %k: tensor<1x1x80x512xf32> {kiln.name = "k"},
                %v: tensor<1x1x80x512xf32> {kiln.name = "v"}) -> (tensor<1x1x80x512xf32> {kiln.name = "o"}) {
  %o = kiln.attention %q, %k, %v {scale = 0.0441941738 : f32} : tensor<1x1x80x512xf32>, tensor<1x1x80x512xf32>, tensor<1x1x80x512xf32>
  return %o : tensor<1x1x80x512xf32>
}
