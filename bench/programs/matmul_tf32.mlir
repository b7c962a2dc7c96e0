// KILNC: --tf32 all
// GEMM: 4096³ in f32 on TF32 tensor cores (`--tf32 all`: kilnc's default
// leaves f32 matmuls exact, as PyTorch does), as a Linear layer computes
// it: x · Wᵀ, both operands K-contiguous. Its peer is torch.matmul with
// torch.backends.cuda.matmul.allow_tf32 set.
func.func @main(%a: tensor<4096x4096xf32> {kiln.name = "a"}, %b: tensor<4096x4096xf32> {kiln.name = "b"}) -> (tensor<4096x4096xf32> {kiln.name = "c"}) {
  %0 = kiln.matmul %a, %b {transpose_b = true} : tensor<4096x4096xf32>, tensor<4096x4096xf32>
  return %0 : tensor<4096x4096xf32>
}
