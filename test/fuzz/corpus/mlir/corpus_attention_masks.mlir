// TOLERANCE: 1e-4
// Attention with every mask kind: causal with Lq < Lk, sliding window, S2
// groups, a boolean mask, an additive mask, GQA throughout; rope on q and k.
func.func @main(%q: tensor<1x4x8x16xf32> {kiln.name = "q"}, %k: tensor<1x2x8x16xf32> {kiln.name = "k"},
                %v: tensor<1x2x8x16xf32> {kiln.name = "v"}, %kl: tensor<1x2x12x16xf32> {kiln.name = "k_long"},
                %mask: tensor<1x1x8x8xi1> {kiln.name = "mask"}, %bias: tensor<1x4x1x8xf32> {kiln.name = "bias"},
                %pos: tensor<8xi64> {kiln.name = "pos"})
    -> (tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32>) {
  %qr = kiln.rope %q, %pos : tensor<1x4x8x16xf32>, tensor<8xi64>
  %kr = kiln.rope %k, %pos : tensor<1x2x8x16xf32>, tensor<8xi64>
  %a0 = kiln.attention %qr, %kl, %kl {scale = 0.25 : f32, causal = true} : tensor<1x4x8x16xf32>, tensor<1x2x12x16xf32>, tensor<1x2x12x16xf32>
  %a1 = kiln.attention %qr, %kr, %v {scale = 0.25 : f32, causal = true, window = 3 : i64} : tensor<1x4x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>
  %a2 = kiln.attention %qr, %kr, %v {scale = 0.25 : f32, s2_group = 4 : i64} : tensor<1x4x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>
  %a3 = kiln.attention %qr, %kr, %v, %mask {scale = 0.25 : f32} : tensor<1x4x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x1x8x8xi1>
  %a4 = kiln.attention %qr, %kr, %v, %bias {scale = 0.25 : f32} : tensor<1x4x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x4x1x8xf32>
  return %a0, %a1, %a2, %a3, %a4 : tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32>
}
