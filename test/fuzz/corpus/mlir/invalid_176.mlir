//===----------------------------------------------------------------------===//
// Attention and positions: attention, rope
//===----------------------------------------------------------------------===//

func.func @attention_ok(%q: tensor<1x8x16x64xbf16>, %k: tensor<1x2x16x64xbf16>,
                        %v: tensor<1x2x16x32xbf16>, %m: tensor<1x1x16x16xi1>,
                        %fm: tensor<1x8x1x16xbf16>, %x: tensor<1x8x16x64xf32>,
                        %p1: tensor<16xi64>, %p2: tensor<1x16xi32>) {
  %0 = kiln.attention %q, %k, %v {scale = 0.125 : f32, causal = true, window = 4 : i64}
      : tensor<1x8x16x64xbf16>, tensor<1x2x16x64xbf16>, tensor<1x2x16x32xbf16>
  %1 = kiln.attention %q, %k, %v, %m {scale = 0.125 : f32, s2_group = 4 : i64}
      : tensor<1x8x16x64xbf16>, tensor<1x2x16x64xbf16>, tensor<1x2x16x32xbf16>, tensor<1x1x16x16xi1>
  %2 = kiln.attention %q, %k, %v, %fm {scale = 0.125 : f32}
      : tensor<1x8x16x64xbf16>, tensor<1x2x16x64xbf16>, tensor<1x2x16x32xbf16>, tensor<1x8x1x16xbf16>
  %3 = kiln.rope %x, %p1 : tensor<1x8x16x64xf32>, tensor<16xi64>
  %4 = kiln.rope %x, %p2 {scaling = "yarn", factor = 16.0 : f32, original_max_positions = 4096 : i64,
                          rotary_dim = 32 : i64, interleaved = true}
      : tensor<1x8x16x64xf32>, tensor<1x16xi32>
  %5 = kiln.rope %x, %p1 {scaling = "ntk", factor = 2.0 : f32} : tensor<1x8x16x64xf32>, tensor<16xi64>
  %6 = "kiln.attention"(%q, %k, %v) <{scale = 1.0 : f32}>
      : (tensor<1x8x16x64xbf16>, tensor<1x2x16x64xbf16>, tensor<1x2x16x32xbf16>) -> tensor<1x8x16x32xbf16>
  return
}
