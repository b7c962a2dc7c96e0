// TOLERANCE: 1e-2
// Matmuls on the 128-row tensor-core tile (more than 64 rows): bf16 with B
// as K x N, 300 rows (two full 128-row tiles and a partial third) by 72
// columns (a partial second 64-wide tile), K = 40 (a full and a partial
// 32-wide slab), with a bias and ReLU; f16 with B as N x K per batch, 136
// rows, K = 96 (three slabs).
func.func @main(%x: tensor<300x40xbf16> {kiln.name = "x"}, %xh: tensor<2x136x96xf16> {kiln.name = "xh"},
                %wt: tensor<2x40x96xf16> {kiln.name = "wt"})
    -> (tensor<300x72xbf16> {kiln.name = "y"}, tensor<2x136x40xf16> {kiln.name = "z"}) {
  %w = kiln.param "w" : tensor<40x72xbf16>
  %b = kiln.param "b" : tensor<1x72xbf16>
  %0 = kiln.matmul %x, %w : tensor<300x40xbf16>, tensor<40x72xbf16>
  %1 = kiln.add %0, %b : tensor<300x72xbf16>, tensor<1x72xbf16>
  %2 = kiln.relu %1 : tensor<300x72xbf16>
  %3 = kiln.matmul %xh, %wt {transpose_b = true} : tensor<2x136x96xf16>, tensor<2x40x96xf16>
  return %2, %3 : tensor<300x72xbf16>, tensor<2x136x40xf16>
}
