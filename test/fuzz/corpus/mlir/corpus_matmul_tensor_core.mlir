// TOLERANCE: 2e-2
// Matmuls on the tensor-core path (kiln_gemm.cuh): bf16 with B as K x N,
// batched with a broadcast weight, ragged M and N over two 64 x 64 tiles
// each, K = 48 (one and a half 32-wide slabs); its bias is computed before
// the gemm (so the kernel's inputs are not the matmul's operands in order)
// and GELU follows. Then f16 with B as N x K per batch, cast to f32.
func.func @main(%x: tensor<2x72x48xbf16> {kiln.name = "x"}, %b: tensor<1x1x80xf32> {kiln.name = "b"},
                %xh: tensor<2x72x48xf16> {kiln.name = "xh"}, %wt: tensor<2x24x48xf16> {kiln.name = "wt"})
    -> (tensor<2x72x80xbf16> {kiln.name = "y"}, tensor<2x72x24xf32> {kiln.name = "z"}) {
  %w = kiln.param "w" : tensor<48x80xbf16>
  %bias = kiln.cast %b : tensor<1x1x80xf32> to tensor<1x1x80xbf16>
  %0 = kiln.matmul %x, %w : tensor<2x72x48xbf16>, tensor<48x80xbf16>
  %1 = kiln.add %0, %bias : tensor<2x72x80xbf16>, tensor<1x1x80xbf16>
  %2 = kiln.gelu %1 : tensor<2x72x80xbf16>
  %3 = kiln.matmul %xh, %wt {transpose_b = true} : tensor<2x72x48xf16>, tensor<2x24x48xf16>
  %4 = kiln.cast %3 : tensor<2x72x24xf16> to tensor<2x72x24xf32>
  return %2, %4 : tensor<2x72x80xbf16>, tensor<2x72x24xf32>
}
