// The reduction family (ReductionEmitter.cpp, kiln_reduction.cuh): one block
// per row, element addresses from (row, k) for any reduced axes, block
// reductions through shared memory; softmax and norms take an elementwise
// epilogue.
// RUN: kiln-translate --kiln-to-cuda %s | FileCheck %s

// CHECK-LABEL: // ---- kernel main_fusion_0 (reduction)
// CHECK: // main_fusion_0: row reduction of kiln.softmax over 12 rows of 5 elements.
// CHECK: #include "kiln_reduction.cuh"
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

// CHECK-LABEL: // ---- kernel main_fusion_1 (reduction)
// CHECK: row reduction of kiln.layer_norm over 3 rows of 20 elements.
// CHECK: const float inv = rsqrtf(q / 20.0f + (9.999999747e-06f));
// CHECK: out0[x_offset(row, k)] = __float2bfloat16_rn((v - mean) * inv);
func.func @main(%x: tensor<3x5x4xf32>, %y: tensor<3x5x4xbf16>) -> (tensor<3x5x4xf32>, tensor<3x5x4xbf16>) {
  %0 = kiln.softmax %x {axis = 1 : i64} : tensor<3x5x4xf32>
  %1 = kiln.layer_norm %y {axes = array<i64: 1, 2>} : tensor<3x5x4xbf16>
  return %0, %1 : tensor<3x5x4xf32>, tensor<3x5x4xbf16>
}

// A normalization with its epilogue: GroupNorm, the per-channel affine and
// SiLU in one kernel (the VAE's norm + affine + silu). The element's index
// in x's shape drives the broadcasts of the side inputs; a side input
// computed before the norm (the scale's exp) is fused too.
// CHECK-LABEL: // ---- kernel norm_fusion_0 (reduction)
// CHECK: row reduction of kiln.group_norm over 4 rows of 18 elements, epilogue fused: kiln.exp, kiln.mul, kiln.add, kiln.silu.
// CHECK: norm_fusion_0(const float *__restrict__ in0, const float *__restrict__ in1, const float *__restrict__ in2, float *__restrict__ out0) {
// CHECK: const float inv = rsqrtf(q / 18.0f + (9.999999747e-06f));
// CHECK: const float v = in1[x_offset(row, k)];
// CHECK-NEXT: const int64_t linear = x_offset(row, k);
// CHECK: const int64_t i1 = (linear / 9) % 4;
// CHECK: const float root0 = (v - mean) * inv;
// CHECK: // kiln.exp
// CHECK: // kiln.mul
// CHECK: // kiln.add
// CHECK: // kiln.silu
// CHECK: out0[linear] = v{{[0-9]+}};
func.func @norm(%scale: tensor<1x4x1x1xf32>, %x: tensor<2x4x3x3xf32>, %b: tensor<1x4x1x1xf32>) -> tensor<2x4x3x3xf32> {
  %s = kiln.exp %scale : tensor<1x4x1x1xf32>
  %n = kiln.group_norm %x {num_groups = 2 : i64} : tensor<2x4x3x3xf32>
  %m = kiln.mul %n, %s : tensor<2x4x3x3xf32>, tensor<1x4x1x1xf32>
  %a = kiln.add %m, %b : tensor<2x4x3x3xf32>, tensor<1x4x1x1xf32>
  %y = kiln.silu %a : tensor<2x4x3x3xf32>
  return %y : tensor<2x4x3x3xf32>
}

// argmax: each thread's best, merged by thread 0 (ties to the lower index);
// cumsum runs sequentially on one thread per row.
// CHECK-LABEL: // ---- kernel other_fusion_0 (reduction)
// CHECK: row reduction of kiln.argmax over 4 rows of 6 elements.
// CHECK: extern "C" __global__ void __launch_bounds__(32)
// CHECK: __shared__ float scratch[256];
// CHECK: if (at < 0 || kiln::argmax_better(v, k, best, at)) { best = v; at = k; }
// CHECK: if (threadIdx.x == 0) {
// CHECK: out0[row] = at;
// CHECK-LABEL: // ---- kernel other_fusion_1 (reduction)
// CHECK: row reduction of kiln.cumsum over 6 rows of 4 elements.
// CHECK-NOT: scratch
// CHECK: s += in0[x_offset(row, k)];
// CHECK-NEXT: out0[x_offset(row, k)] = s;
func.func @other(%x: tensor<4x6xf32>) -> (tensor<4xi64>, tensor<4x6xf32>) {
  %0 = kiln.argmax %x {axis = 1 : i64} : tensor<4x6xf32>
  %1 = kiln.cumsum %x {axis = 0 : i64} : tensor<4x6xf32>
  return %0, %1 : tensor<4xi64>, tensor<4x6xf32>
}

// Contiguous rows whose length is a multiple of a 16-byte vector, short
// enough for one block to hold: each thread loads its vectors once into
// registers (RowChunkEmitter.cpp; reduction_rows.test has the long rows),
// every pass runs on them, and the row leaves in vectors.
// CHECK-LABEL: // ---- kernel vec_fusion_0 (reduction)
// CHECK: one block per row, 1 vector of 8 elements per thread, held in registers: the row is read once.
// CHECK: extern "C" __global__ void __launch_bounds__(32)
// CHECK: const __nv_bfloat16 *xs = in0 + row * 64 + begin;
// CHECK: const int at = (j * 32 + (int)threadIdx.x) * 8;
// CHECK: const kiln::Vec<__nv_bfloat16, 8> w = kiln::load_vec<8>(xs + at);
// CHECK: x[j][lane] = __bfloat162float(w.v[lane]);
// CHECK: kiln::Vec<__nv_bfloat16, 8> o;
// CHECK: o.v[lane] = __float2bfloat16_rn(v * inv);
// CHECK: kiln::store_vec<8>(&out0[row * 64 + begin + at], o);
// CHECK-LABEL: // ---- kernel vec_fusion_1 (reduction)
// CHECK: one block per row, 1 vector of 4 elements per thread
func.func @vec(%x: tensor<4x64xbf16>, %y: tensor<2x16xf32>) -> (tensor<4x64xbf16>, tensor<2x16xf32>) {
  %0 = kiln.rms_norm %x : tensor<4x64xbf16>
  %1 = kiln.softmax %y : tensor<2x16xf32>
  return %0, %1 : tensor<4x64xbf16>, tensor<2x16xf32>
}
