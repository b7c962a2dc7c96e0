// TOLERANCE: 1e-5
// f32 matmuls on the CUDA-core tile (kiln_gemm.cuh): ragged M and N over two
// 64 x 64 tiles, K = 40 (two and a half 16-wide slabs), a weight broadcast
// over the batch with bias + tanh fused; then both operands transposed,
// batched, with a residual.
func.func @main(%x: tensor<2x70x40xf32> {kiln.name = "x"}, %xt: tensor<2x40x70xf32> {kiln.name = "xt"},
                %r: tensor<2x70x24xf32> {kiln.name = "r"})
    -> (tensor<2x70x72xf32> {kiln.name = "y"}, tensor<2x70x24xf32> {kiln.name = "z"}) {
  %w = kiln.param "w" : tensor<40x72xf32>
  %b = kiln.param "b" : tensor<1x1x72xf32>
  %wt = kiln.param "wt" : tensor<2x24x40xf32>
  %0 = kiln.matmul %x, %w : tensor<2x70x40xf32>, tensor<40x72xf32>
  %1 = kiln.add %0, %b : tensor<2x70x72xf32>, tensor<1x1x72xf32>
  %y = kiln.tanh %1 : tensor<2x70x72xf32>
  %2 = kiln.matmul %xt, %wt {transpose_a = true, transpose_b = true} : tensor<2x40x70xf32>, tensor<2x24x40xf32>
  %z = kiln.add %2, %r : tensor<2x70x24xf32>, tensor<2x70x24xf32>
  return %y, %z : tensor<2x70x72xf32>, tensor<2x70x24xf32>
}
