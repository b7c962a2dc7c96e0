// The pointwise family (PointwiseEmitter.cpp, kiln_pointwise.cuh): one
// kernel per fusion, named after it, one comment per fused op, movement as
// index maps, bf16 rounded once per op, index variables declared only where
// a read uses them.
// RUN: kiln-translate --kiln-to-cuda %s | FileCheck %s

// CHECK-LABEL: // ---- kernel main_fusion_0 (pointwise)
// CHECK: // main_fusion_0: pointwise fusion of kiln.reshape, kiln.cast, kiln.add, kiln.gelu, kiln.transpose.
// CHECK: #include "kiln_device.cuh"
// CHECK: extern "C" __global__ void __launch_bounds__(256)
// CHECK-NEXT: main_fusion_0(const __nv_bfloat16 *__restrict__ in0, const float *__restrict__ in1, __nv_bfloat16 *__restrict__ out0, int64_t n) {
// Four consecutive elements per thread (the last dimension, 4, is not a
// multiple of the eight bf16 of a 16-byte vector); the output leaves as one
// 8-byte store.
// CHECK: for (int64_t vec = (int64_t)blockIdx.x * blockDim.x + threadIdx.x; vec < n;
// CHECK: const int64_t base = vec * 4;
// CHECK-NEXT: kiln::Vec<__nv_bfloat16, 4> outv;
// CHECK-NEXT: #pragma unroll
// CHECK-NEXT: for (int lane = 0; lane < 4; ++lane) {
// CHECK-NEXT: const int64_t linear = base + lane;
// CHECK: const int64_t i0 = (linear / 4) % 8;
// CHECK-NEXT: const int64_t i1 = (linear / 1) % 4;
// CHECK: // kiln.transpose (index map)
// The transposed read of x: element (i1, i0) of the 4x8 input.
// CHECK: const float [[X:a[0-9]+]] = in1[0 + i0 * 1 + i1 * 8];
// CHECK: // kiln.cast
// CHECK-NEXT: const float [[C:v[0-9]+]] = kiln::round_bf16((float)[[X]]);
// CHECK: // kiln.reshape (index map)
// CHECK: __bfloat162float(in0[
// CHECK: // kiln.add
// CHECK-NEXT: const float [[S:v[0-9]+]] = kiln::round_bf16(([[C]] + a{{[0-9]+}}));
// CHECK: // kiln.gelu
// CHECK-NEXT: const float [[G:v[0-9]+]] = kiln::round_bf16((0.5f * [[S]] * (1.0f + tanhf(
// CHECK: outv.v[lane] = __float2bfloat16_rn([[G]]);
// CHECK: kiln::store_vec<4>(&out0[base], outv);
func.func @main(%x: tensor<4x8xf32> {kiln.name = "x"}, %b: tensor<8xbf16> {kiln.name = "b"}) -> (tensor<8x4xbf16> {kiln.name = "y"}) {
  %bb = kiln.reshape %b : tensor<8xbf16> -> tensor<1x8xbf16>
  %c = kiln.cast %x : tensor<4x8xf32> to tensor<4x8xbf16>
  %s = kiln.add %c, %bb : tensor<4x8xbf16>, tensor<1x8xbf16>
  %g = kiln.gelu %s {approximate = "tanh"} : tensor<4x8xbf16>
  %t = kiln.transpose %g {perm = array<i64: 1, 0>} : tensor<4x8xbf16>
  return %t : tensor<8x4xbf16>
}

// A full-shape input arrives as one vector per four elements; a broadcast
// one is read per element.
// CHECK-LABEL: // ---- kernel vec_fusion_0 (pointwise)
// CHECK: const kiln::Vec<float, 4> in0v = kiln::load_vec<4>(&in0[base]);
// CHECK-NOT: in1v
// CHECK: const float [[A:a[0-9]+]] = in0v.v[lane];
// CHECK: in1[0 + i1 * 1]
func.func @vec(%x: tensor<3x8xf32>, %b: tensor<1x8xf32>) -> tensor<3x8xf32> {
  %s = kiln.add %x, %b : tensor<3x8xf32>, tensor<1x8xf32>
  %e = kiln.exp %s : tensor<3x8xf32>
  return %e : tensor<3x8xf32>
}

// bf16 output with a last dimension of 16: eight elements per thread, one
// 16-byte store; the f32 input arrives as 32 bytes (two 16-byte loads), the
// bf16 one as one 16-byte load.
// CHECK-LABEL: // ---- kernel wide_fusion_0 (pointwise)
// CHECK: one thread per 8 consecutive output elements (vector loads and stores).
// CHECK: const int64_t base = vec * 8;
// CHECK-DAG: const kiln::Vec<float, 8> in0v = kiln::load_vec<8>(&in0[base]);
// CHECK-DAG: const kiln::Vec<__nv_bfloat16, 8> in1v = kiln::load_vec<8>(&in1[base]);
// CHECK: kiln::store_vec<8>(&out0[base], outv);
func.func @wide(%x: tensor<2x16xf32>, %y: tensor<2x16xbf16>) -> tensor<2x16xbf16> {
  %c = kiln.cast %x : tensor<2x16xf32> to tensor<2x16xbf16>
  %s = kiln.mul %c, %y : tensor<2x16xbf16>, tensor<2x16xbf16>
  return %s : tensor<2x16xbf16>
}

// A last dimension that is not a multiple of four keeps one element per
// thread.
// CHECK-LABEL: // ---- kernel scalar_fusion_0 (pointwise)
// CHECK: one thread per output element.
// CHECK: for (int64_t linear = (int64_t)blockIdx.x * blockDim.x + threadIdx.x; linear < n;
// CHECK: out0[linear] = 
func.func @scalar(%x: tensor<4x3xf32>) -> tensor<4x3xf32> {
  %e = kiln.exp %x : tensor<4x3xf32>
  return %e : tensor<4x3xf32>
}

// A kernel that kiln-plan-memory runs in place writes over its input, so
// that pointer pair is not __restrict__; the other input keeps it.
// CHECK-LABEL: // ---- kernel in_place_fusion_1 (pointwise)
// CHECK: in_place_fusion_1(const float *in0, const float *__restrict__ in1, float *out0, int64_t n) {
func.func @in_place(%x: tensor<4x8xf32>, %y: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %a = kiln.softmax %x : tensor<4x8xf32>
  %b = kiln.add %a, %y : tensor<4x8xf32>, tensor<4x8xf32>
  %c = kiln.mul %b, %a : tensor<4x8xf32>, tensor<4x8xf32>
  return %c : tensor<4x8xf32>
}

// A lone transpose that is a batched 2-D transpose ([B, R, S] -> [B, S, R])
// with whole 16-byte vectors on both sides is a tiled transpose moving the
// elements as bits: NCHW -> NHWC of bf16 ([2, 16, 24] -> [2, 24, 16]), a
// plain f32 matrix ([1, 8, 12] -> [1, 12, 8]), and i8 keeping two leading
// dimensions. A row of 12 bf16 (not a whole vector) takes the generic kernel.
// CHECK-LABEL: // ---- kernel transposes_fusion_0 (pointwise)
// CHECK: transpose [2, 16, 24] -> [2, 24, 16] (perm [0, 2, 3, 1])
// CHECK: extern "C" __global__ void __launch_bounds__(256)
// CHECK: kiln::transpose_tile<uint16_t, 16, 24>(reinterpret_cast<const uint16_t *>(in0), reinterpret_cast<uint16_t *>(out0));
// CHECK-LABEL: // ---- kernel transposes_fusion_1 (pointwise)
// CHECK: transpose [1, 8, 12] -> [1, 12, 8] (perm [1, 0])
// CHECK: kiln::transpose_tile<uint32_t, 8, 12>(
// CHECK-LABEL: // ---- kernel transposes_fusion_2 (pointwise)
// CHECK: transpose [6, 32, 16] -> [6, 16, 32] (perm [0, 1, 3, 2])
// CHECK: kiln::transpose_tile<uint8_t, 32, 16>(
// CHECK-LABEL: // ---- kernel transposes_fusion_3 (pointwise)
// CHECK: pointwise fusion of kiln.transpose.
// CHECK-NOT: transpose_tile
// CHECK-LABEL: // ---- kernel
func.func @transposes(%x: tensor<2x16x4x6xbf16>, %m: tensor<8x12xf32>, %q: tensor<2x3x32x16xi8>, %o: tensor<2x16x3x4xbf16>)
    -> (tensor<2x4x6x16xbf16>, tensor<12x8xf32>, tensor<2x3x16x32xi8>, tensor<2x3x4x16xbf16>) {
  %0 = kiln.transpose %x {perm = array<i64: 0, 2, 3, 1>} : tensor<2x16x4x6xbf16>
  %1 = kiln.transpose %m {perm = array<i64: 1, 0>} : tensor<8x12xf32>
  %2 = kiln.transpose %q {perm = array<i64: 0, 1, 3, 2>} : tensor<2x3x32x16xi8>
  %3 = kiln.transpose %o {perm = array<i64: 0, 2, 3, 1>} : tensor<2x16x3x4xbf16>
  return %0, %1, %2, %3 : tensor<2x4x6x16xbf16>, tensor<12x8xf32>, tensor<2x3x16x32xi8>, tensor<2x3x4x16xbf16>
}

func.func @after_transposes(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = kiln.exp %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}
