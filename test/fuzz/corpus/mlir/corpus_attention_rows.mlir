// TOLERANCE: 2e-2
// The block-per-row attention kernel: decode attention over a 300-row cache
// with per-head lengths (T = 1 and T = 3, GQA, D = 40 and Dv = 72, so the
// lanes' slices of a row end mid-warp), and masked f32 attention with a
// head of 48 over 100 keys.
func.func @main(%q1: tensor<2x4x1x40xbf16> {kiln.name = "q1"}, %q3: tensor<2x4x3x40xbf16> {kiln.name = "q3"},
                %kc: tensor<2x2x300x40xbf16> {kiln.name = "k_cache"}, %vc: tensor<2x2x300x72xbf16> {kiln.name = "v_cache"},
                %q: tensor<1x2x20x48xf32> {kiln.name = "q"}, %k: tensor<1x2x100x48xf32> {kiln.name = "k"},
                %mask: tensor<1x1x20x100xi1> {kiln.name = "mask"})
    -> (tensor<2x4x1x72xbf16>, tensor<2x4x3x72xbf16>, tensor<1x2x20x48xf32>) {
  // Lengths per (batch, kv head): full, short, just above T, mid-cache.
  %len = kiln.constant dense<[[300, 17], [5, 128]]> : tensor<2x2xi32>
  %a = kiln.decode_attention %q1, %kc, %vc, %len {scale = 0.158 : f32} : tensor<2x4x1x40xbf16>, tensor<2x2x300x40xbf16>, tensor<2x2x300x72xbf16>, tensor<2x2xi32>
  %b = kiln.decode_attention %q3, %kc, %vc, %len {scale = 0.158 : f32} : tensor<2x4x3x40xbf16>, tensor<2x2x300x40xbf16>, tensor<2x2x300x72xbf16>, tensor<2x2xi32>
  %c = kiln.attention %q, %k, %k, %mask {scale = 0.144 : f32, causal = true} : tensor<1x2x20x48xf32>, tensor<1x2x100x48xf32>, tensor<1x2x100x48xf32>, tensor<1x1x20x100xi1>
  return %a, %b, %c : tensor<2x4x1x72xbf16>, tensor<2x4x3x72xbf16>, tensor<1x2x20x48xf32>
}
