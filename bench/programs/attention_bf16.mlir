// Attention: B 4, H 16, L 4096, D 128, causal, bf16.
func.func @main(%q: tensor<4x16x4096x128xbf16> {kiln.name = "q"}, %k: tensor<4x16x4096x128xbf16> {kiln.name = "k"},
                %v: tensor<4x16x4096x128xbf16> {kiln.name = "v"}) -> (tensor<4x16x4096x128xbf16> {kiln.name = "o"}) {
  %0 = kiln.attention %q, %k, %v {scale = 0.08838834764831845 : f32, causal = true} : tensor<4x16x4096x128xbf16>, tensor<4x16x4096x128xbf16>, tensor<4x16x4096x128xbf16>
  return %0 : tensor<4x16x4096x128xbf16>
}
