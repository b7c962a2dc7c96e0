// The row-reduction family: one block per row, element addresses from
// (row, k) for any reduced axes, block reductions through shared memory.
// RUN: kiln-translate --kiln-to-cuda %s | FileCheck %s

// CHECK-LABEL: // ---- kernel main_fusion_0 (row_reduction)
// CHECK: // main_fusion_0: row-reduction kernel for kiln.softmax over 12 rows of 5 elements.
// CHECK: #include "kiln_reduce.cuh"
// The reduced axis is the middle one: k walks dimension 1 (stride 4).
// CHECK: __device__ __forceinline__ int64_t x_offset(int64_t row, int64_t k) {
// CHECK-NEXT: int64_t off = 0;
// CHECK-NEXT: off += (row % 4) * 1; row /= 4;
// CHECK-NEXT: off += (k % 5) * 4; k /= 5;
// CHECK-NEXT: off += (row % 3) * 20; row /= 3;
// CHECK: main_fusion_0(const float *__restrict__ in0, float *__restrict__ out0) {
// CHECK: m = kiln::block_reduce(m, scratch, kiln::MaxOp());
// CHECK: s = kiln::block_reduce(s, scratch, kiln::SumOp());
// CHECK: out0[x_offset(row, k)] = expf(v - m) / s;

// CHECK-LABEL: // ---- kernel main_fusion_1 (row_reduction)
// CHECK: row-reduction kernel for kiln.layer_norm over 3 rows of 20 elements.
// CHECK: const float inv = rsqrtf(q / 20.0f + 0.000010f);
// CHECK: out0[x_offset(row, k)] = __float2bfloat16_rn((v - mean) * inv);
func.func @main(%x: tensor<3x5x4xf32>, %y: tensor<3x5x4xbf16>) -> (tensor<3x5x4xf32>, tensor<3x5x4xbf16>) {
  %0 = kiln.softmax %x {axis = 1 : i64} : tensor<3x5x4xf32>
  %1 = kiln.layer_norm %y {axes = array<i64: 1, 2>} : tensor<3x5x4xbf16>
  return %0, %1 : tensor<3x5x4xf32>, tensor<3x5x4xbf16>
}
