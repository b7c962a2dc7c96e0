// TOLERANCE: 1e-2
// The sm_90a GEMM tile (kiln.tile forces it; the cpu device emulates TMA,
// mbarriers and wgmma): bf16 x · Wᵀ with 200 rows (a second tile whose
// second consumer warpgroup holds rows past M), 136 columns (a second tile
// of 8) and K = 328 (six 64-deep slabs through the four-stage ring, so the
// producer waits for released stages, the last slab partial and
// zero-filled), with bias and GELU; f16 with K = 40 (one partial slab).
func.func @main(%x: tensor<200x328xbf16> {kiln.name = "x"}, %xh: tensor<72x40xf16> {kiln.name = "xh"},
                %wh: tensor<96x40xf16> {kiln.name = "wh"})
    -> (tensor<200x136xbf16> {kiln.name = "y"}, tensor<72x96xf16> {kiln.name = "z"}) {
  %w = kiln.param "w" : tensor<136x328xbf16>
  %b = kiln.param "b" : tensor<1x136xbf16>
  %0 = kiln.matmul %x, %w {transpose_b = true, kiln.tile = "128x128_sm90a"} : tensor<200x328xbf16>, tensor<136x328xbf16>
  %1 = kiln.add %0, %b : tensor<200x136xbf16>, tensor<1x136xbf16>
  %2 = kiln.gelu %1 : tensor<200x136xbf16>
  %3 = kiln.matmul %xh, %wh {transpose_b = true, kiln.tile = "128x128_sm90a"} : tensor<72x40xf16>, tensor<96x40xf16>
  return %2, %3 : tensor<200x136xbf16>, tensor<72x96xf16>
}
