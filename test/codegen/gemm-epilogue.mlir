// A gemm fusion with an epilogue: the accumulator is rounded to the matmul's
// type (bf16) and handed to the fused bias + SiLU, stored once. Four rows
// against a transposed weight run as a GEMV: a warp per output column.
// RUN: kiln-translate --kiln-to-cuda %s | FileCheck %s

// CHECK-LABEL: // ---- kernel main_fusion_0 (gemm)
// CHECK: main_fusion_0(const __nv_bfloat16 *__restrict__ in0, const __nv_bfloat16 *__restrict__ in1, const __nv_bfloat16 *__restrict__ in2, __nv_bfloat16 *__restrict__ out0, int64_t n) {
// CHECK: const __nv_bfloat16 *brow = &in1[(0) * 512 + col * 32];
// CHECK: const kiln::Vec4<__nv_bfloat16> lo = kiln::load_vec4(&brow[p]), hi = kiln::load_vec4(&brow[p + 4]);
// CHECK: acc[row] += __bfloat162float(arow[row * 32 + p + j]) * w[j];
// CHECK: acc[row] += __shfl_xor_sync(0xffffffffu, acc[row], offset);
// CHECK: if (lane != 0) return;
// CHECK: const int64_t linear = (batch * 4 + row) * 16 + col;
// CHECK: const float root0 = kiln::round_bf16(value);
// CHECK: // kiln.add
// CHECK-NEXT: const float [[S:v[0-9]+]] = kiln::round_bf16((root0 + a{{[0-9]+}}));
// CHECK: // kiln.silu
// CHECK-NEXT: const float [[Y:v[0-9]+]] = kiln::round_bf16(([[S]] / (1.0f + expf(-[[S]]))));
// CHECK-NEXT: out0[linear] = __float2bfloat16_rn([[Y]]);
// CHECK-NOT: ---- kernel
func.func @main(%x: tensor<4x32xbf16>, %w: tensor<16x32xbf16>, %b: tensor<1x16xbf16>) -> tensor<4x16xbf16> {
  %0 = kiln.matmul %x, %w {transpose_b = true} : tensor<4x32xbf16>, tensor<16x32xbf16>
  %1 = kiln.add %0, %b : tensor<4x16xbf16>, tensor<1x16xbf16>
  %2 = kiln.silu %1 : tensor<4x16xbf16>
  return %2 : tensor<4x16xbf16>
}
