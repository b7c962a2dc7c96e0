//===- tensor_core.cu - Conformance: mma.sync, ldmatrix and cp.async ------===//
//
// Known-answer tests of the device library's warp-level matrix wrappers.
//
// - conf_mma_fragments_{bf16,f16}: one warp builds the A, B and C fragments
//   straight from global memory with the PTX ISA's fragment table (written
//   out below, independently of the emulator) and stores D the same way.
//   Every element of A and B is distinct, so any layout mistake changes D.
// - conf_mma_fragments_tf32 / conf_tf32_round: the m16n8k8 TF32 product
//   from the PTX fragment table on operands that need rounding, and
//   kiln::to_tf32's rounding (to nearest, ties away) as the tensor core
//   reads it, on ties, overflow, subnormals, infinity and NaN.
// - conf_ldmatrix_layout: every ldmatrix variant on four distinct 8x8
//   matrices; the raw registers are compared with the documented layout.
// - conf_gemm_bf16 / conf_gemm_f16: 64 x 64 block tiles, four warps of
//   32 x 32, cp.async double-buffering into dynamic shared memory, ldmatrix
//   and mma. The bf16 GEMM reads B stored K x N (ldmatrix .trans), the f16
//   GEMM B stored N x K (plain ldmatrix) with ragged M, N and K filled by
//   cp.async's zero-fill. D = A * B + C with small-integer inputs, so the
//   exact answer is the CPU's float product.
//
//===----------------------------------------------------------------------===//

#include "kiln_device.cuh"

/// Two 16-bit values in one register, `lo` in the low half.
__device__ __forceinline__ unsigned conf_pack(unsigned short lo,
                                              unsigned short hi) {
  return static_cast<unsigned>(lo) | (static_cast<unsigned>(hi) << 16);
}

/// D (16x8) = A (16x16, row-major) * B (16x8, K x N row-major) + C (16x8),
/// A and B as raw 16-bit patterns; one warp. Fragments per PTX ISA
/// §9.7.14.5.8 with g = lane / 4, t = lane % 4:
///   a[r] = {a_2r, a_2r+1}: row g + 8 (r & 1), cols 2t + 8 (r >> 1) and +1
///   b[r] = {b_2r, b_2r+1}: k 2t + 8 r and +1, col g
///   c[i] / d[i]: row g + 8 (i >> 1), col 2t + (i & 1)
template <bool Bf16>
__device__ __forceinline__ void conf_mma_fragments(const unsigned short *A,
                                                   const unsigned short *B,
                                                   const float *C, float *D) {
  const unsigned lane = threadIdx.x % 32, g = lane / 4, t = lane % 4;
  unsigned a[4], b[2];
  float c[4], d[4];
  for (unsigned r = 0; r < 4; ++r) {
    const unsigned row = g + 8 * (r & 1), col = 2 * t + 8 * (r >> 1);
    a[r] = conf_pack(A[row * 16 + col], A[row * 16 + col + 1]);
  }
  for (unsigned r = 0; r < 2; ++r) {
    const unsigned k = 2 * t + 8 * r;
    b[r] = conf_pack(B[k * 8 + g], B[(k + 1) * 8 + g]);
  }
  for (unsigned i = 0; i < 4; ++i)
    c[i] = C[(g + 8 * (i >> 1)) * 8 + 2 * t + (i & 1)];
  if (Bf16)
    kiln::mma_m16n8k16_bf16(d, a, b, c);
  else
    kiln::mma_m16n8k16_f16(d, a, b, c);
  for (unsigned i = 0; i < 4; ++i)
    D[(g + 8 * (i >> 1)) * 8 + 2 * t + (i & 1)] = d[i];
}

extern "C" __global__ void __launch_bounds__(32)
    conf_mma_fragments_bf16(const unsigned short *A, const unsigned short *B,
                            const float *C, float *D) {
  conf_mma_fragments<true>(A, B, C, D);
}
KILN_EXPORT_KERNEL(conf_mma_fragments_bf16)

extern "C" __global__ void __launch_bounds__(32)
    conf_mma_fragments_f16(const unsigned short *A, const unsigned short *B,
                           const float *C, float *D) {
  conf_mma_fragments<false>(A, B, C, D);
}
KILN_EXPORT_KERNEL(conf_mma_fragments_f16)

/// D (16x8) = A (16x8, row-major) * B (8x8, K x N row-major) + C (16x8) on
/// TF32 tensor cores, A and B as f32 rounded here with kiln::to_tf32; one
/// warp. Fragments per PTX ISA §9.7.14.5.7 (m16n8k8, .tf32) with
/// g = lane / 4, t = lane % 4:
///   a[r]: row g + 8 (r & 1), col t + 4 (r >> 1)
///   b[r]: k t + 4 r, col g
///   c[i] / d[i]: row g + 8 (i >> 1), col 2t + (i & 1)
extern "C" __global__ void __launch_bounds__(32)
    conf_mma_fragments_tf32(const float *A, const float *B, const float *C,
                            float *D) {
  const unsigned lane = threadIdx.x % 32, g = lane / 4, t = lane % 4;
  unsigned a[4], b[2];
  float c[4], d[4];
  for (unsigned r = 0; r < 4; ++r)
    a[r] = kiln::to_tf32(A[(g + 8 * (r & 1)) * 8 + t + 4 * (r >> 1)]);
  for (unsigned r = 0; r < 2; ++r)
    b[r] = kiln::to_tf32(B[(t + 4 * r) * 8 + g]);
  for (unsigned i = 0; i < 4; ++i)
    c[i] = C[(g + 8 * (i >> 1)) * 8 + 2 * t + (i & 1)];
  kiln::mma_m16n8k8_tf32(d, a, b, c);
  for (unsigned i = 0; i < 4; ++i)
    D[(g + 8 * (i >> 1)) * 8 + 2 * t + (i & 1)] = d[i];
}
KILN_EXPORT_KERNEL(conf_mma_fragments_tf32)

/// out[i] = the bits of kiln::to_tf32(in[i]).
extern "C" __global__ void conf_tf32_round(const float *in, unsigned *out,
                                           int n) {
  const int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n)
    out[i] = kiln::to_tf32(in[i]);
}
KILN_EXPORT_KERNEL(conf_tf32_round)

/// Variants in the order conf_ldmatrix_layout stores them.
enum ConfLdmatrixVariant {
  kLdmX1,
  kLdmX2,
  kLdmX4,
  kLdmX1Trans,
  kLdmX2Trans,
  kLdmX4Trans,
  kLdmVariants
};

/// M holds four 8x8 matrices of 16-bit values (matrix m, row r, col c at
/// M[64 m + 8 r + c]). One warp stages them in shared memory with a padded
/// row stride of 24 elements, lane l pointing at row l % 8 of matrix l / 8,
/// and stores register j of lane l of variant v at out[(32 v + l) * 4 + j]
/// (registers a variant does not load are stored as zero).
extern "C" __global__ void __launch_bounds__(32)
    conf_ldmatrix_layout(const unsigned short *M, unsigned *out) {
  __shared__ __align__(16) unsigned short staged[32 * 24];
  const unsigned lane = threadIdx.x;
  for (unsigned c = 0; c < 8; ++c)
    staged[lane * 24 + c] = M[lane * 8 + c];
  __syncwarp();
  const void *row = &staged[lane * 24];
  unsigned r[kLdmVariants][4] = {};
  kiln::ldmatrix_x1(r[kLdmX1], row);
  kiln::ldmatrix_x2(r[kLdmX2], row);
  kiln::ldmatrix_x4(r[kLdmX4], row);
  kiln::ldmatrix_x1_trans(r[kLdmX1Trans], row);
  kiln::ldmatrix_x2_trans(r[kLdmX2Trans], row);
  kiln::ldmatrix_x4_trans(r[kLdmX4Trans], row);
  for (unsigned v = 0; v < kLdmVariants; ++v)
    for (unsigned j = 0; j < 4; ++j)
      out[(32 * v + lane) * 4 + j] = r[v][j];
}
KILN_EXPORT_KERNEL(conf_ldmatrix_layout)

// GEMM tiling: 64 x 64 per block, K in steps of 32, two shared-memory stages.
constexpr int kConfTile = 64;
constexpr int kConfTileK = 32;
constexpr int kConfPadK = kConfTileK + 8; // row stride of K-contiguous tiles
constexpr int kConfPadN = kConfTile + 8;  // row stride of the K x N B tile
constexpr int kConfStageA = kConfTile * kConfPadK;
constexpr int kConfStageB = kConfTile * kConfPadK; // >= kConfTileK * kConfPadN

/// Dynamic shared memory conf_gemm_* need: two stages of A and B.
constexpr int kConfGemmSharedBytes = 2 * (kConfStageA + kConfStageB) * 2;
static_assert(kConfGemmSharedBytes <= 48 * 1024,
              "fits without raising the dynamic shared memory limit");

/// Starts the cp.async copies of K-tile `kt` into stage `stage`: A's
/// 64 x 32 tile and B's (32 x 64 when BKMajor, else 64 x 32 of B^T), 16
/// bytes per copy, zero-filled past M, N or K (each needs a multiple of 8).
template <bool BKMajor>
__device__ __forceinline__ void
conf_gemm_load(const unsigned short *A, const unsigned short *B,
               unsigned short *As, unsigned short *Bs, int M, int N, int K,
               int m0, int n0, int kt, int stage) {
  const int k0 = kt * kConfTileK;
  for (int chunk = threadIdx.x; chunk < kConfTile * kConfTileK / 8;
       chunk += blockDim.x) {
    const int row = chunk / 4, kc = (chunk % 4) * 8;
    const bool ok = m0 + row < M && k0 + kc < K;
    kiln::cp_async_16_zfill(&As[stage * kConfStageA + row * kConfPadK + kc],
                            ok ? &A[(m0 + row) * K + k0 + kc] : A, ok ? 16 : 0);
  }
  for (int chunk = threadIdx.x; chunk < kConfTile * kConfTileK / 8;
       chunk += blockDim.x) {
    if (BKMajor) { // B is K x N: rows of 64 n
      const int k = chunk / 8, nc = (chunk % 8) * 8;
      const bool ok = k0 + k < K && n0 + nc < N;
      kiln::cp_async_16_zfill(&Bs[stage * kConfStageB + k * kConfPadN + nc],
                              ok ? &B[(k0 + k) * N + n0 + nc] : B, ok ? 16 : 0);
    } else { // B is N x K: rows of 32 k
      const int n = chunk / 4, kc = (chunk % 4) * 8;
      const bool ok = n0 + n < N && k0 + kc < K;
      kiln::cp_async_16_zfill(&Bs[stage * kConfStageB + n * kConfPadK + kc],
                              ok ? &B[(n0 + n) * K + k0 + kc] : B, ok ? 16 : 0);
    }
  }
}

/// D (M x N, f32) = A (M x K) * B + C; 128 threads per block, block (x, y)
/// computes the 64 x 64 tile at (64 y, 64 x); warp w the 32 x 32 sub-tile at
/// (32 (w / 2), 32 (w % 2)) as 2 x 4 mma tiles of 16 x 8.
template <bool Bf16, bool BKMajor>
__device__ __forceinline__ void
conf_gemm(const unsigned short *A, const unsigned short *B, const float *C,
          float *D, int M, int N, int K) {
  KILN_DYNAMIC_SHARED(unsigned short, smem);
  unsigned short *As = smem;
  unsigned short *Bs = smem + 2 * kConfStageA;
  const int lane = threadIdx.x % 32, warp = threadIdx.x / 32;
  const int m0 = blockIdx.y * kConfTile, n0 = blockIdx.x * kConfTile;
  const int wm = (warp / 2) * 32, wn = (warp % 2) * 32;
  const int g = lane / 4, t = lane % 4;

  float acc[2][4][4];
  for (int mi = 0; mi < 2; ++mi)
    for (int nj = 0; nj < 4; ++nj)
      for (int i = 0; i < 4; ++i) {
        const int row = m0 + wm + mi * 16 + g + 8 * (i >> 1);
        const int col = n0 + wn + nj * 8 + 2 * t + (i & 1);
        acc[mi][nj][i] = row < M && col < N ? C[row * N + col] : 0.0f;
      }

  const int numK = (K + kConfTileK - 1) / kConfTileK;
  conf_gemm_load<BKMajor>(A, B, As, Bs, M, N, K, m0, n0, 0, 0);
  kiln::cp_async_commit();
  for (int kt = 0; kt < numK; ++kt) {
    const int stage = kt & 1;
    if (kt + 1 < numK)
      conf_gemm_load<BKMajor>(A, B, As, Bs, M, N, K, m0, n0, kt + 1, stage ^ 1);
    kiln::cp_async_commit();
    kiln::cp_async_wait<1>(); // all but the group just committed: tile kt
    __syncthreads();

    const unsigned short *as = As + stage * kConfStageA;
    const unsigned short *bs = Bs + stage * kConfStageB;
    for (int kk = 0; kk < kConfTileK; kk += 16) {
      unsigned a[2][4], b[4][2];
      for (int mi = 0; mi < 2; ++mi)
        kiln::ldmatrix_x4(
            a[mi],
            &as[(wm + mi * 16 + lane % 16) * kConfPadK + kk + 8 * (lane / 16)]);
      if (BKMajor) {
        for (int p = 0; p < 2; ++p) { // two n8 tiles per x4.trans
          unsigned r[4];
          kiln::ldmatrix_x4_trans(
              r, &bs[(kk + lane % 8 + 8 * ((lane / 8) % 2)) * kConfPadN + wn +
                     16 * p + 8 * (lane / 16)]);
          b[2 * p][0] = r[0];
          b[2 * p][1] = r[1];
          b[2 * p + 1][0] = r[2];
          b[2 * p + 1][1] = r[3];
        }
      } else {
        for (int nj = 0; nj < 4; ++nj)
          kiln::ldmatrix_x2(b[nj], &bs[(wn + nj * 8 + lane % 8) * kConfPadK +
                                       kk + 8 * ((lane / 8) % 2)]);
      }
      for (int mi = 0; mi < 2; ++mi)
        for (int nj = 0; nj < 4; ++nj) {
          if (Bf16)
            kiln::mma_m16n8k16_bf16(acc[mi][nj], a[mi], b[nj], acc[mi][nj]);
          else
            kiln::mma_m16n8k16_f16(acc[mi][nj], a[mi], b[nj], acc[mi][nj]);
        }
    }
    __syncthreads(); // the next iteration refills this stage
  }
  kiln::cp_async_wait_all();

  for (int mi = 0; mi < 2; ++mi)
    for (int nj = 0; nj < 4; ++nj)
      for (int i = 0; i < 4; ++i) {
        const int row = m0 + wm + mi * 16 + g + 8 * (i >> 1);
        const int col = n0 + wn + nj * 8 + 2 * t + (i & 1);
        if (row < M && col < N)
          D[row * N + col] = acc[mi][nj][i];
      }
}

/// bf16 GEMM with B stored K x N (row-major).
extern "C" __global__ void __launch_bounds__(128)
    conf_gemm_bf16(const __nv_bfloat16 *A, const __nv_bfloat16 *B,
                   const float *C, float *D, int M, int N, int K) {
  conf_gemm<true, true>(reinterpret_cast<const unsigned short *>(A),
                        reinterpret_cast<const unsigned short *>(B), C, D, M, N,
                        K);
}
KILN_EXPORT_KERNEL(conf_gemm_bf16)

/// f16 GEMM with B stored N x K (B^T row-major, mma's "col" operand).
extern "C" __global__ void __launch_bounds__(128)
    conf_gemm_f16(const __half *A, const __half *Bt, const float *C, float *D,
                  int M, int N, int K) {
  conf_gemm<false, false>(reinterpret_cast<const unsigned short *>(A),
                          reinterpret_cast<const unsigned short *>(Bt), C, D, M,
                          N, K);
}
KILN_EXPORT_KERNEL(conf_gemm_f16)
