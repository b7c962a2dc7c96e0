// The gemm family (GemmEmitter.cpp, kiln_gemm.cuh). bf16 / f16 matmuls take
// the tensor-core path (64 x 64 tiles of 128 threads, 128 x 64 past 64
// rows, the batch on grid z);
// the epilogue runs on each accumulator element; f32 matmuls take the
// CUDA-core tile. Shapes neither path takes keep the direct kernel; decode
// shapes (up to 8 rows against a Linear weight) run as a GEMV.
// RUN: kiln-translate --kiln-to-cuda %s | FileCheck %s

// CHECK-LABEL: // ---- kernel tiled_fusion_0 (gemm)
// CHECK: matmul 40x64x32 on tensor cores (bf16 mma.sync, 64x64 tiles, 3-stage cp.async, f32 accumulation, 16-byte stores staged in shared memory), epilogue fused: kiln.add
// CHECK: #include "kiln_gemm.cuh"
// CHECK: __launch_bounds__(128)
// CHECK: const int64_t batch = blockIdx.z;
// CHECK: const int64_t m0 = (int64_t)blockIdx.y * 64, n0 = (int64_t)blockIdx.x * 64;
// CHECK-NEXT: float acc[2][4][4];
// CHECK-NEXT: kiln::gemm_block_tile<true, true, 2>(
// CHECK-NEXT: reinterpret_cast<const unsigned short *>(&in0[
// CHECK-NEXT: reinterpret_cast<const unsigned short *>(&in1[
// CHECK-NEXT: 40, 64, 32, m0, n0, acc);
// CHECK: if (row >= 40 || col >= 64) continue;
// CHECK: const float root0 = kiln::round_bf16(value);
// CHECK: // kiln.add
// CHECK: staged[(row - m0) * 72 + (col - n0)] = __float2bfloat16_rn(
// CHECK: __syncthreads(); // the tile is staged
// CHECK-NEXT: for (int v = threadIdx.x; v < 512; v += 128) {
// CHECK-NEXT: const int line = v / 8, at = (v % 8) * 8;
// CHECK-NEXT: const int64_t row = m0 + line, col = n0 + at;
// CHECK-NEXT: if (row >= 40 || col >= 64) continue;
// CHECK-NEXT: const int64_t linear = (batch * 40 + row) * 64 + col;
// CHECK-NEXT: kiln::store_vec<8>(&out0[linear], *reinterpret_cast<const kiln::Vec<__nv_bfloat16, 8> *>(&staged[line * 72 + at]));
func.func @tiled(%x: tensor<40x32xbf16>, %w: tensor<64x32xbf16>, %r: tensor<40x64xbf16>) -> tensor<40x64xbf16> {
  %0 = kiln.matmul %x, %w {transpose_b = true} : tensor<40x32xbf16>, tensor<64x32xbf16>
  %1 = kiln.add %0, %r : tensor<40x64xbf16>, tensor<40x64xbf16>
  return %1 : tensor<40x64xbf16>
}

// Grids of at least 132 such tiles (a block for every SM of an H100) take
// the 8-warp 128 x 128 tile: 256 threads, at most 128 registers each (two
// blocks an SM), four stages in dynamic shared memory, where the finished
// values are staged for 16-byte stores. kiln.tile overrides the choice.
func.func @wide(%x: tensor<2048x64xbf16>, %w: tensor<64x2048xbf16>, %v: tensor<2048x64xbf16>) -> (tensor<2048x2048xbf16>, tensor<2048x2048xbf16>) {
  %0 = kiln.matmul %x, %w : tensor<2048x64xbf16>, tensor<64x2048xbf16>
  %1 = kiln.matmul %v, %w {kiln.tile = "64x64"} : tensor<2048x64xbf16>, tensor<64x2048xbf16>
  return %0, %1 : tensor<2048x2048xbf16>, tensor<2048x2048xbf16>
}

// CHECK-LABEL: // ---- kernel wide_fusion_0 (gemm)
// CHECK: matmul 2048x2048x64 on tensor cores (bf16 mma.sync, 128x128 tiles, 8 warps, 4-stage cp.async, f32 accumulation, 16-byte stores staged in shared memory)
// CHECK: __launch_bounds__(256, 2)
// CHECK: const int64_t m0 = (int64_t)blockIdx.y * 128, n0 = (int64_t)blockIdx.x * 128;
// CHECK: kiln::gemm_block_tile<true, false, 4, 4>(
// CHECK: KILN_DYNAMIC_SHARED(__nv_bfloat16, staged);
// CHECK: const int64_t row = m0 + kiln::gemm_acc_row<4, 4>(mi, e);
// CHECK-NEXT: const int64_t col = n0 + kiln::gemm_acc_col<4>(nj, e);
// CHECK: staged[(row - m0) * 136 + (col - n0)] = __float2bfloat16_rn(value);
// CHECK: __syncthreads(); // the tile is staged
// CHECK: for (int v = threadIdx.x; v < 2048; v += 256) {
// CHECK: kiln::store_vec<8>(&out0[linear], *reinterpret_cast<const kiln::Vec<__nv_bfloat16, 8> *>(&staged[line * 136 + at]));
// CHECK-LABEL: // ---- kernel wide_fusion_1 (gemm)
// CHECK: matmul 2048x2048x64 on tensor cores (bf16 mma.sync, 64x64 tiles, 3-stage cp.async, f32 accumulation, 16-byte stores staged in shared memory)
// CHECK: __launch_bounds__(128)
// CHECK: kiln::gemm_block_tile<true, false, 2>(

// kiln.tile = "128x128_sm90a" asks for the Hopper kernel: tensor maps of A
// and B (K-contiguous, 64 x 128 boxes, 128-byte swizzle) as parameters, a
// producer and two consumer warpgroups (384 threads), the stages and
// barriers in dynamic shared memory, the epilogue per accumulator, its
// values staged in the stages' memory for 16-byte stores.
func.func @hopper(%x: tensor<200x72xbf16>, %w: tensor<136x72xbf16>) -> tensor<200x136xbf16> {
  %0 = kiln.matmul %x, %w {transpose_b = true, kiln.tile = "128x128_sm90a"} : tensor<200x72xbf16>, tensor<136x72xbf16>
  %1 = kiln.relu %0 : tensor<200x136xbf16>
  return %1 : tensor<200x136xbf16>
}

// CHECK-LABEL: // ---- kernel hopper_fusion_0 (gemm)
// CHECK: matmul 200x136x72 on sm_90a tensor cores (bf16 wgmma m64n128k16, 128x128 tiles, TMA into a 4-stage mbarrier ring, a producer and two consumer warpgroups, f32 accumulation, 16-byte stores staged in shared memory), epilogue fused: kiln.relu
// CHECK: #include "kiln_gemm_sm90.cuh"
// CHECK: __launch_bounds__(384, 1)
// CHECK-NEXT: hopper_fusion_0(const __nv_bfloat16 *__restrict__ in0, const __nv_bfloat16 *__restrict__ in1, __nv_bfloat16 *__restrict__ out0, const __grid_constant__ kiln::TensorMap mapA, const __grid_constant__ kiln::TensorMap mapB) {
// CHECK: if (!kiln::gemm_tile_sm90<true>(&mapA, &mapB, 2, m0, n0, acc))
// CHECK: const int64_t row = m0 + 64 * consumer + kiln::sm90_acc_row(i), col = n0 + kiln::sm90_acc_col(i);
// CHECK: if (row >= 200 || col >= 136) continue;
// CHECK: staged[(row - m0) * 136 + (col - n0)] = __float2bfloat16_rn(
// CHECK: kiln::named_barrier_sync(1, 256); // the tile is staged
// CHECK-NEXT: for (int v = (threadIdx.x - 128); v < 2048; v += 256) {

// Past 64 rows the tile is 128 x 64: four m16 fragments per warp, in the
// accumulator loop too.
// CHECK-LABEL: // ---- kernel tall_fusion_0 (gemm)
// CHECK: matmul 200x48x64 on tensor cores (f16 mma.sync, 128x64 tiles, 3-stage cp.async, f32 accumulation, 16-byte stores staged in shared memory)
// CHECK: const int64_t m0 = (int64_t)blockIdx.y * 128, n0 = (int64_t)blockIdx.x * 64;
// CHECK-NEXT: float acc[4][4][4];
// CHECK-NEXT: kiln::gemm_block_tile<false, false, 4>(
// CHECK: for (int mi = 0; mi < 4; ++mi) {
// CHECK: const int64_t row = m0 + kiln::gemm_acc_row<4>(mi, e);
// CHECK: if (row >= 200 || col >= 48) continue;
func.func @tall(%x: tensor<200x64xf16>, %w: tensor<64x48xf16>) -> tensor<200x48xf16> {
  %0 = kiln.matmul %x, %w : tensor<200x64xf16>, tensor<64x48xf16>
  return %0 : tensor<200x48xf16>
}


// f32 (a transposed A included) takes the CUDA-core tile; a bf16 transposed
// A, K not a multiple of 8 and a tiny M keep the direct kernel.
// CHECK-LABEL: // ---- kernel direct_fusion_0 (gemm)
// CHECK: matmul 32x32x32 on CUDA cores (64x64 tiles through shared memory, 8x4 per thread, f32)
// CHECK: kiln::gemm_block_tile_f32<false, false>(
// CHECK: const int64_t row = m0 + kiln::gemm_f32_acc_row(mi, nj);
// CHECK-NEXT: const int64_t col = n0 + kiln::gemm_f32_acc_col(e);
// CHECK: // ---- kernel direct_fusion_1 (gemm)
// CHECK: kiln::gemm_block_tile_f32<true, false>(
// CHECK: // ---- kernel direct_fusion_2 (gemm)
// CHECK-NOT: tensor cores
// CHECK: matmul 32x32x32 (f32 accumulation)
// CHECK: // ---- kernel direct_fusion_3 (gemm)
// CHECK-NOT: tensor cores
// CHECK: matmul 32x32x36 (f32 accumulation)
// CHECK: // ---- kernel direct_fusion_4 (gemm)
// CHECK-NOT: tensor cores
// CHECK: matmul 1x32x32 (f32 accumulation)
func.func @direct(%a: tensor<32x32xf32>, %b: tensor<32x32xbf16>, %c: tensor<32x36xbf16>,
                  %d: tensor<36x32xbf16>, %e: tensor<1x32xbf16>)
    -> (tensor<32x32xf32>, tensor<32x32xf32>, tensor<32x32xbf16>, tensor<32x32xbf16>, tensor<1x32xbf16>) {
  %0 = kiln.matmul %a, %a : tensor<32x32xf32>, tensor<32x32xf32>
  %1 = kiln.matmul %a, %a {transpose_a = true} : tensor<32x32xf32>, tensor<32x32xf32>
  %2 = kiln.matmul %b, %b {transpose_a = true} : tensor<32x32xbf16>, tensor<32x32xbf16>
  %3 = kiln.matmul %c, %d : tensor<32x36xbf16>, tensor<36x32xbf16>
  %4 = kiln.matmul %e, %b : tensor<1x32xbf16>, tensor<32x32xbf16>
  return %0, %1, %2, %3, %4 : tensor<32x32xf32>, tensor<32x32xf32>, tensor<32x32xbf16>, tensor<32x32xbf16>, tensor<1x32xbf16>
}

// A gemm fusion with an epilogue: the accumulator is rounded to the matmul's
// type (bf16) and handed to the fused bias + SiLU, stored once. Four rows
// against a transposed weight run as a GEMV: a warp per output column, B's
// row and A's rows read 16 bytes (8 elements) at a time.
// CHECK-LABEL: // ---- kernel gemv_fusion_0 (gemm)
// CHECK: gemv_fusion_0(const __nv_bfloat16 *__restrict__ in0, const __nv_bfloat16 *__restrict__ in1, const __nv_bfloat16 *__restrict__ in2, __nv_bfloat16 *__restrict__ out0, int64_t n) {
// CHECK: const __nv_bfloat16 *brow = &in1[(0) * 512 + col * 32];
// CHECK: #pragma unroll 4
// CHECK: const kiln::Vec<__nv_bfloat16, 8> wv = kiln::load_vec<8>(&brow[p]);
// CHECK: const kiln::Vec<__nv_bfloat16, 8> xv = kiln::load_vec<8>(&arow[row * 32 + p]);
// CHECK: acc[row] += __bfloat162float(xv.v[j]) * __bfloat162float(wv.v[j]);
// CHECK: acc[row] += __shfl_xor_sync(0xffffffffu, acc[row], offset);
// CHECK: if (lane != 0) return;
// CHECK: const int64_t linear = (batch * 4 + row) * 16 + col;
// CHECK: const float root0 = kiln::round_bf16(value);
// CHECK: // kiln.add
// CHECK-NEXT: const float [[S:v[0-9]+]] = kiln::round_bf16((root0 + a{{[0-9]+}}));
// CHECK: // kiln.silu
// CHECK-NEXT: const float [[Y:v[0-9]+]] = kiln::round_bf16(([[S]] / (1.0f + expf(-[[S]]))));
// CHECK-NEXT: out0[linear] = __float2bfloat16_rn([[Y]]);
func.func @gemv(%x: tensor<4x32xbf16>, %w: tensor<16x32xbf16>, %b: tensor<1x16xbf16>) -> tensor<4x16xbf16> {
  %0 = kiln.matmul %x, %w {transpose_b = true} : tensor<4x32xbf16>, tensor<16x32xbf16>
  %1 = kiln.add %0, %b : tensor<4x16xbf16>, tensor<1x16xbf16>
  %2 = kiln.silu %1 : tensor<4x16xbf16>
  return %2 : tensor<4x16xbf16>
}

// transpose_a with one row (Mamba's decode projections read the
// channels-first activation [B, E, 1] as [B, 1, E]): the same memory as the
// untransposed row, so it takes the GEMV, not the direct kernel.
// CHECK-LABEL: // ---- kernel onerow_fusion_0 (gemm)
// CHECK: matmul 1x18x64 as a GEMV
// CHECK: const int64_t col = (int64_t)blockIdx.x * 8 + threadIdx.x / 32;
// CHECK-NOT: one thread per output element
func.func @onerow(%u: tensor<2x64x1xf32>, %w: tensor<18x64xf32>) -> tensor<2x1x18xf32> {
  %0 = kiln.matmul %u, %w {transpose_a = true, transpose_b = true} : tensor<2x64x1xf32>, tensor<18x64xf32>
  return %0 : tensor<2x1x18xf32>
}
