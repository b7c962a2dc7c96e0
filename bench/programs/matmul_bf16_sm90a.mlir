// KILNC: --target sm_90a
// GEMM: 4096³ bf16 as a Linear layer computes it (x · Wᵀ, both operands
// K-contiguous) on the Hopper kernel: TMA into a four-stage mbarrier ring,
// wgmma m64n128k16 on two consumer warpgroups, a producer warpgroup
// (kiln.tile = "128x128_sm90a" asks for it; sm_90a code, which only H100 /
// H200-class GPUs run). Its peer is cuBLAS, torch.matmul(a, b.t()).
func.func @main(%a: tensor<4096x4096xbf16> {kiln.name = "a"}, %b: tensor<4096x4096xbf16> {kiln.name = "b"}) -> (tensor<4096x4096xbf16> {kiln.name = "c"}) {
  %0 = kiln.matmul %a, %b {transpose_b = true, kiln.tile = "128x128_sm90a"} : tensor<4096x4096xbf16>, tensor<4096x4096xbf16>
  return %0 : tensor<4096x4096xbf16>
}
