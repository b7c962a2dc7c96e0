//===----------------------------------------------------------------------===//
// Decode-time cache ops: kv_cache_write, decode_attention, kv_cache_compact,
// attention_mass, attention_colsum
//===----------------------------------------------------------------------===//

func.func @cache_ok(%cache: tensor<1x2x256x64xbf16>, %new: tensor<1x2x4x64xbf16>,
                    %pos: tensor<1x2xi32>, %q: tensor<1x8x4x64xbf16>,
                    %vc: tensor<1x2x256x32xbf16>, %keep: tensor<1x2x256xi1>,
                    %pq: tensor<1x8x64x64xf32>, %pk: tensor<1x2x64x64xf32>,
                    %pkeep: tensor<5x1x2x64xi1>) {
  %0 = kiln.kv_cache_write %cache, %new, %pos
      : tensor<1x2x256x64xbf16>, tensor<1x2x4x64xbf16>, tensor<1x2xi32>
  %1 = kiln.decode_attention %q, %cache, %vc, %pos {scale = 0.125 : f32}
      : tensor<1x8x4x64xbf16>, tensor<1x2x256x64xbf16>, tensor<1x2x256x32xbf16>, tensor<1x2xi32>
  %2:2 = kiln.kv_cache_compact %cache, %keep : tensor<1x2x256x64xbf16>, tensor<1x2x256xi1>
  %3 = kiln.attention_mass %pq, %pk, %pkeep {scale = 0.125 : f32}
      : tensor<1x8x64x64xf32>, tensor<1x2x64x64xf32>, tensor<5x1x2x64xi1>
  %4 = kiln.attention_colsum %pq, %pk {scale = 0.125 : f32, causal = false}
      : tensor<1x8x64x64xf32>, tensor<1x2x64x64xf32>
  %5:2 = "kiln.kv_cache_compact"(%cache, %keep)
      : (tensor<1x2x256x64xbf16>, tensor<1x2x256xi1>) -> (tensor<1x2x256x64xbf16>, tensor<1x2xi32>)
  return
}
