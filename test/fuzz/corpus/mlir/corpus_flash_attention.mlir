// TOLERANCE: 2e-2
// Tensor-core flash attention (bf16 / f16, head sizes multiples of 16):
// several query blocks and ragged key tiles, GQA, causal with Lq > Lk (the
// first rows attend no key and give 0) and with Lq < Lk, a sliding window,
// S2 groups, boolean and additive masks, Dv ≠ D, and D = 128 (52 KiB of
// dynamic shared memory per block).
func.func @main(%q: tensor<1x4x80x32xbf16> {kiln.name = "q"}, %k: tensor<1x2x150x32xbf16> {kiln.name = "k"},
                %v: tensor<1x2x150x48xbf16> {kiln.name = "v"}, %ks: tensor<1x2x64x32xbf16> {kiln.name = "k_short"},
                %vs: tensor<1x2x64x48xbf16> {kiln.name = "v_short"},
                %mask: tensor<1x1x80x150xi1> {kiln.name = "mask"}, %bias: tensor<1x4x1x150xbf16> {kiln.name = "bias"},
                %qh: tensor<2x2x96x16xf16> {kiln.name = "q_half"}, %kh: tensor<2x2x96x16xf16> {kiln.name = "k_half"},
                %q128: tensor<1x1x70x128xbf16> {kiln.name = "q128"}, %k128: tensor<1x1x70x128xbf16> {kiln.name = "k128"})
    -> (tensor<1x4x80x48xbf16>, tensor<1x4x80x48xbf16>, tensor<1x4x80x48xbf16>, tensor<1x4x80x48xbf16>,
        tensor<1x4x80x48xbf16>, tensor<2x2x96x16xf16>, tensor<1x1x70x128xbf16>) {
  %a0 = kiln.attention %q, %k, %v {scale = 0.177 : f32, causal = true} : tensor<1x4x80x32xbf16>, tensor<1x2x150x32xbf16>, tensor<1x2x150x48xbf16>
  %a1 = kiln.attention %q, %ks, %vs {scale = 0.177 : f32, causal = true} : tensor<1x4x80x32xbf16>, tensor<1x2x64x32xbf16>, tensor<1x2x64x48xbf16>
  %a2 = kiln.attention %q, %k, %v {scale = 0.177 : f32, causal = true, window = 40 : i64} : tensor<1x4x80x32xbf16>, tensor<1x2x150x32xbf16>, tensor<1x2x150x48xbf16>
  %a3 = kiln.attention %q, %k, %v, %mask {scale = 0.177 : f32} : tensor<1x4x80x32xbf16>, tensor<1x2x150x32xbf16>, tensor<1x2x150x48xbf16>, tensor<1x1x80x150xi1>
  %a4 = kiln.attention %q, %k, %v, %bias {scale = 0.177 : f32} : tensor<1x4x80x32xbf16>, tensor<1x2x150x32xbf16>, tensor<1x2x150x48xbf16>, tensor<1x4x1x150xbf16>
  %a5 = kiln.attention %qh, %kh, %kh {scale = 0.25 : f32, s2_group = 8 : i64} : tensor<2x2x96x16xf16>, tensor<2x2x96x16xf16>, tensor<2x2x96x16xf16>
  %a6 = kiln.attention %q128, %k128, %k128 {scale = 0.088 : f32, causal = true} : tensor<1x1x70x128xbf16>, tensor<1x1x70x128xbf16>, tensor<1x1x70x128xbf16>
  return %a0, %a1, %a2, %a3, %a4, %a5, %a6 : tensor<1x4x80x48xbf16>, tensor<1x4x80x48xbf16>, tensor<1x4x80x48xbf16>, tensor<1x4x80x48xbf16>, tensor<1x4x80x48xbf16>, tensor<2x2x96x16xf16>, tensor<1x1x70x128xbf16>
}
