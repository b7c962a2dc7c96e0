//===- kiln_gemm.cuh - GEMM main loops: tensor cores (bf16/f16) and f32 ---===//
//
// The main loop of Kiln's generated GEMM kernels: one 128-thread block
// accumulates the 64 x 64 tile of C = A * B at (m0, n0) in f32, reading
// 64 x 32 slabs of A and B through a three-stage cp.async pipeline into
// padded shared memory (rows of 80 / 144 bytes, so ldmatrix rows fall in
// distinct banks), loading fragments with ldmatrix and multiplying with
// mma.sync m16n8k16. Warp w owns the 32 x 32 sub-tile at (32 (w / 2),
// 32 (w % 2)) as 2 x 4 mma tiles; gemm_acc_row / gemm_acc_col give the tile
// coordinates of acc[mi][nj][i], so the generated kernel runs its epilogue on
// each element and stores it.
//
// A is M x K row-major; B is K x N row-major, or N x K row-major when
// `BTransposed` (mma's "col" operand). The caller guarantees that K (and N
// when B is K x N) is a multiple of 8 and that A and B are 16-byte aligned,
// so every 16-byte copy lies wholly inside or wholly outside the matrix;
// copies outside are zero-filled (ragged M, N and K).
//
//===----------------------------------------------------------------------===//

#ifndef KILN_GEMM_CUH
#define KILN_GEMM_CUH

#include "kiln_cp_async.cuh"
#include "kiln_ldmatrix.cuh"
#include "kiln_mma.cuh"

namespace kiln {

constexpr int kGemmTile = 64;           // M and N of a block tile
constexpr int kGemmTileK = 32;          // K of one pipeline stage
constexpr int kGemmStages = 3;          // slabs in flight
constexpr int kGemmThreads = 128;       // four warps
constexpr int kGemmPadK = kGemmTileK + 8; // row pitch of K-contiguous slabs
constexpr int kGemmPadN = kGemmTile + 8;  // row pitch of a K x N slab of B
constexpr int kGemmStageElems = kGemmTile * kGemmPadK; // ≥ 32 * kGemmPadN

/// Row (within the block tile) of accumulator element acc[mi][nj][i].
KILN_DEVICE_INLINE int gemm_acc_row(int mi, int i) {
  const int warp = threadIdx.x / 32, lane = threadIdx.x % 32;
  return (warp / 2) * 32 + mi * 16 + lane / 4 + 8 * (i >> 1);
}

/// Column (within the block tile) of accumulator element acc[mi][nj][i].
KILN_DEVICE_INLINE int gemm_acc_col(int nj, int i) {
  const int warp = threadIdx.x / 32, lane = threadIdx.x % 32;
  return (warp % 2) * 32 + nj * 8 + 2 * (lane % 4) + (i & 1);
}

/// Issues the copies of K-slab `kt` into pipeline stage `stage`.
template <bool BTransposed>
KILN_DEVICE_INLINE void gemm_load_slab(const unsigned short *A,
                                       const unsigned short *B,
                                       unsigned short *As, unsigned short *Bs,
                                       int64_t M, int64_t N, int64_t K,
                                       int64_t m0, int64_t n0, int64_t kt) {
  const int64_t k0 = kt * kGemmTileK;
  // 256 chunks of 8 elements per operand, two per thread.
  for (int chunk = threadIdx.x; chunk < kGemmTile * kGemmTileK / 8;
       chunk += kGemmThreads) {
    const int row = chunk / 4, kc = (chunk % 4) * 8;
    const bool ok = m0 + row < M && k0 + kc < K;
    cp_async_16_zfill(&As[row * kGemmPadK + kc],
                      ok ? &A[(m0 + row) * K + k0 + kc] : A, ok ? 16 : 0);
    if (BTransposed) { // N x K: rows of 32 k
      const bool okB = n0 + row < N && k0 + kc < K;
      cp_async_16_zfill(&Bs[row * kGemmPadK + kc],
                        okB ? &B[(n0 + row) * K + k0 + kc] : B, okB ? 16 : 0);
    } else { // K x N: rows of 64 n
      const int k = chunk / 8, nc = (chunk % 8) * 8;
      const bool okB = k0 + k < K && n0 + nc < N;
      cp_async_16_zfill(&Bs[k * kGemmPadN + nc],
                        okB ? &B[(k0 + k) * N + n0 + nc] : B, okB ? 16 : 0);
    }
  }
}

/// The copies of one K-slab of plain matrices A and B (gemm_block_tile).
template <bool BTransposed> struct MatrixSlabs {
  const unsigned short *A, *B;
  int64_t M, N, K, m0, n0;
  KILN_DEVICE_INLINE void operator()(unsigned short *As, unsigned short *Bs,
                                     int64_t kt) const {
    gemm_load_slab<BTransposed>(A, B, As, Bs, M, N, K, m0, n0, kt);
  }
};

/// acc = the 64 x 64 tile of A * B (f32 accumulation) whose K-slabs
/// `load(As, Bs, kt)` copies into shared memory with cp.async: A as 64 rows
/// of 32 k at pitch kGemmPadK, B likewise when `BTransposed` (n rows), else
/// as 32 rows of 64 n at pitch kGemmPadN; zeros where the slab passes the
/// matrix. `Bf16` picks bf16 or f16 inputs. All 128 threads call it
/// together.
template <bool Bf16, bool BTransposed, typename Slabs>
KILN_DEVICE_INLINE void gemm_block_tile_slabs(const Slabs &load, int64_t K,
                                              float acc[2][4][4]) {
  __shared__ __align__(16) unsigned short As[kGemmStages * kGemmStageElems];
  __shared__ __align__(16) unsigned short Bs[kGemmStages * kGemmStageElems];
  const int lane = threadIdx.x % 32, warp = threadIdx.x / 32;
  const int wm = (warp / 2) * 32, wn = (warp % 2) * 32;
  for (int mi = 0; mi < 2; ++mi)
    for (int nj = 0; nj < 4; ++nj)
      for (int i = 0; i < 4; ++i)
        acc[mi][nj][i] = 0.0f;

  const int64_t numK = (K + kGemmTileK - 1) / kGemmTileK;
  for (int s = 0; s < kGemmStages - 1; ++s) {
    if (s < numK)
      load(As + s * kGemmStageElems, Bs + s * kGemmStageElems, s);
    cp_async_commit(); // empty groups keep the count uniform
  }
  for (int64_t kt = 0; kt < numK; ++kt) {
    // Groups committed so far: stages - 1 + kt; slab kt is group kt.
    cp_async_wait<kGemmStages - 2>();
    __syncthreads(); // slab kt visible to all; slab kt - 1 fully consumed
    const int64_t next = kt + kGemmStages - 1;
    if (next < numK) {
      const int s = static_cast<int>(next % kGemmStages);
      load(As + s * kGemmStageElems, Bs + s * kGemmStageElems, next);
    }
    cp_async_commit();

    const int stage = static_cast<int>(kt % kGemmStages);
    const unsigned short *as = As + stage * kGemmStageElems;
    const unsigned short *bs = Bs + stage * kGemmStageElems;
    for (int kk = 0; kk < kGemmTileK; kk += 16) {
      unsigned a[2][4], b[4][2];
      for (int mi = 0; mi < 2; ++mi)
        ldmatrix_x4(a[mi], &as[(wm + mi * 16 + lane % 16) * kGemmPadK + kk +
                               8 * (lane / 16)]);
      if (BTransposed) {
        for (int nj = 0; nj < 4; ++nj)
          ldmatrix_x2(b[nj], &bs[(wn + nj * 8 + lane % 8) * kGemmPadK + kk +
                                 8 * ((lane / 8) % 2)]);
      } else {
        for (int p = 0; p < 2; ++p) { // two n8 tiles per x4.trans
          unsigned r[4];
          ldmatrix_x4_trans(r, &bs[(kk + lane % 8 + 8 * ((lane / 8) % 2)) *
                                       kGemmPadN +
                                   wn + 16 * p + 8 * (lane / 16)]);
          b[2 * p][0] = r[0];
          b[2 * p][1] = r[1];
          b[2 * p + 1][0] = r[2];
          b[2 * p + 1][1] = r[3];
        }
      }
      for (int mi = 0; mi < 2; ++mi)
        for (int nj = 0; nj < 4; ++nj) {
          if (Bf16)
            mma_m16n8k16_bf16(acc[mi][nj], a[mi], b[nj], acc[mi][nj]);
          else
            mma_m16n8k16_f16(acc[mi][nj], a[mi], b[nj], acc[mi][nj]);
        }
    }
  }
  cp_async_wait_all();
  __syncthreads(); // a following tile may reuse the shared slabs
}

/// acc = the 64 x 64 tile of A * B at (m0, n0), f32 accumulation.
/// `Bf16` picks bf16 or f16 inputs. All 128 threads call it together.
template <bool Bf16, bool BTransposed>
KILN_DEVICE_INLINE void gemm_block_tile(const unsigned short *A,
                                        const unsigned short *B, int64_t M,
                                        int64_t N, int64_t K, int64_t m0,
                                        int64_t n0, float acc[2][4][4]) {
  gemm_block_tile_slabs<Bf16, BTransposed>(
      MatrixSlabs<BTransposed>{A, B, M, N, K, m0, n0}, K, acc);
}

//===----------------------------------------------------------------------===//
// f32 GEMM on CUDA cores: the same 64 x 64 block tile and 128 threads, K in
// slabs of 16 staged through shared memory (A transposed on the way in, so a
// thread reads its 8 rows of a k-column contiguously). Thread t owns rows
// 8 (t / 16) + 0..7 and columns 4 (t % 16) + 0..3: acc[r / 4][r % 4][c] is
// element (8 (t / 16) + r, 4 (t % 16) + c) of the tile. Any layout of A and B
// (transposed or not), any M, N, K; no alignment needed.
//===----------------------------------------------------------------------===//

constexpr int kGemmF32TileK = 16;

/// Row (within the block tile) of acc[mi][nj][e] in gemm_block_tile_f32.
KILN_DEVICE_INLINE int gemm_f32_acc_row(int mi, int nj) {
  return (threadIdx.x / 16) * 8 + mi * 4 + nj;
}

/// Column (within the block tile) of acc[mi][nj][e] in gemm_block_tile_f32.
KILN_DEVICE_INLINE int gemm_f32_acc_col(int e) {
  return (threadIdx.x % 16) * 4 + e;
}

/// acc = the 64 x 64 tile of A * B at (m0, n0) in f32 where the operands
/// are functions: `a(m, k)` and `b(k, n)` give the elements (as float) for
/// m < M, n < N, k < K — an implicit-GEMM convolution's im2col view, or a
/// plain matrix. Consecutive threads read consecutive m of A when `AWalksM`
/// (else consecutive k), consecutive n of B when `BWalksN`, so global reads
/// coalesce along each operand's contiguous dimension. All 128 threads call.
template <bool AWalksM, bool BWalksN, typename AAt, typename BAt>
KILN_DEVICE_INLINE void gemm_block_tile_f32_gather(const AAt &a, const BAt &b,
                                                   int64_t M, int64_t N,
                                                   int64_t K, int64_t m0,
                                                   int64_t n0,
                                                   float acc[2][4][4]) {
  __shared__ float As[kGemmF32TileK][kGemmTile]; // [k][m]
  __shared__ float Bs[kGemmF32TileK][kGemmTile]; // [k][n]
  const int ty = threadIdx.x / 16, tx = threadIdx.x % 16;
  for (int mi = 0; mi < 2; ++mi)
    for (int nj = 0; nj < 4; ++nj)
      for (int e = 0; e < 4; ++e)
        acc[mi][nj][e] = 0.0f;
  for (int64_t k0 = 0; k0 < K; k0 += kGemmF32TileK) {
    // 1024 elements per operand, 8 per thread (not unrolled: eight
    // address computations in flight at once spill on sm_80).
#pragma unroll 1
    for (int i = threadIdx.x; i < kGemmTile * kGemmF32TileK; i += kGemmThreads) {
      const int m = AWalksM ? i % kGemmTile : i / kGemmF32TileK;
      const int k = AWalksM ? i / kGemmTile : i % kGemmF32TileK;
      As[k][m] = m0 + m < M && k0 + k < K ? a(m0 + m, k0 + k) : 0.0f;
      const int n = BWalksN ? i % kGemmTile : i / kGemmF32TileK;
      const int kb = BWalksN ? i / kGemmTile : i % kGemmF32TileK;
      Bs[kb][n] = n0 + n < N && k0 + kb < K ? b(k0 + kb, n0 + n) : 0.0f;
    }
    __syncthreads();
    for (int k = 0; k < kGemmF32TileK; ++k) {
      float av[8], bv[4];
      for (int r = 0; r < 8; ++r)
        av[r] = As[k][ty * 8 + r];
      for (int c = 0; c < 4; ++c)
        bv[c] = Bs[k][tx * 4 + c];
      for (int r = 0; r < 8; ++r)
        for (int c = 0; c < 4; ++c)
          acc[r / 4][r % 4][c] += av[r] * bv[c];
    }
    __syncthreads(); // the next slab overwrites the tiles
  }
}

/// Element access of a row-major f32 matrix, optionally transposed.
template <bool Transposed> struct MatrixAt {
  const float *data;
  int64_t rows, cols; // of op(matrix)
  KILN_DEVICE_INLINE float operator()(int64_t r, int64_t c) const {
    return Transposed ? data[c * rows + r] : data[r * cols + c];
  }
};

/// acc = the 64 x 64 tile of op(A) * op(B) at (m0, n0) in f32: A is M x K
/// (K x M when `ATransposed`), B is K x N (N x K when `BTransposed`).
/// All 128 threads call it together.
template <bool ATransposed, bool BTransposed>
KILN_DEVICE_INLINE void gemm_block_tile_f32(const float *A, const float *B,
                                            int64_t M, int64_t N, int64_t K,
                                            int64_t m0, int64_t n0,
                                            float acc[2][4][4]) {
  gemm_block_tile_f32_gather<ATransposed, !BTransposed>(
      MatrixAt<ATransposed>{A, M, K}, MatrixAt<BTransposed>{B, K, N}, M, N, K,
      m0, n0, acc);
}

//===----------------------------------------------------------------------===//
// Tensor-core GEMM over operand functions (implicit-GEMM convolution): the
// block tile, warp layout and fragments of gemm_block_tile, with A and B
// read element by element through `a(m, k)` and `b(k, n)` (16-bit patterns
// as unsigned short) into two shared slab buffers. The loads of slab k + 1
// go to the other buffer while slab k is multiplied, so one barrier per
// slab suffices. No alignment or shape requirement.
//===----------------------------------------------------------------------===//

template <bool Bf16, typename AAt, typename BAt>
KILN_DEVICE_INLINE void gemm_block_tile_gather(const AAt &a, const BAt &b,
                                               int64_t M, int64_t N, int64_t K,
                                               int64_t m0, int64_t n0,
                                               float acc[2][4][4]) {
  // [m][k] and [n][k] slabs, pitch kGemmPadK (the BTransposed layout).
  __shared__ __align__(16) unsigned short As[2][kGemmTile * kGemmPadK];
  __shared__ __align__(16) unsigned short Bs[2][kGemmTile * kGemmPadK];
  const int lane = threadIdx.x % 32, warp = threadIdx.x / 32;
  const int wm = (warp / 2) * 32, wn = (warp % 2) * 32;
  for (int mi = 0; mi < 2; ++mi)
    for (int nj = 0; nj < 4; ++nj)
      for (int i = 0; i < 4; ++i)
        acc[mi][nj][i] = 0.0f;
  const int64_t numK = (K + kGemmTileK - 1) / kGemmTileK;
  for (int64_t kt = 0; kt < numK; ++kt) {
    unsigned short *as = As[kt % 2], *bs = Bs[kt % 2];
    const int64_t k0 = kt * kGemmTileK;
    // 2048 elements per operand, 16 per thread: A walks m (an output row of
    // pixels), B walks k (a weight row).
    for (int i = threadIdx.x; i < kGemmTile * kGemmTileK; i += kGemmThreads) {
      const int m = i % kGemmTile, k = i / kGemmTile;
      as[m * kGemmPadK + k] =
          m0 + m < M && k0 + k < K ? a(m0 + m, k0 + k) : (unsigned short)0;
      const int n = i / kGemmTileK, kb = i % kGemmTileK;
      bs[n * kGemmPadK + kb] =
          n0 + n < N && k0 + kb < K ? b(k0 + kb, n0 + n) : (unsigned short)0;
    }
    __syncthreads(); // slab kt complete; slab kt - 2's buffer was released
                     // by the previous iteration's barrier
    for (int kk = 0; kk < kGemmTileK; kk += 16) {
      unsigned af[2][4], bf[4][2];
      for (int mi = 0; mi < 2; ++mi)
        ldmatrix_x4(af[mi], &as[(wm + mi * 16 + lane % 16) * kGemmPadK + kk +
                                8 * (lane / 16)]);
      for (int nj = 0; nj < 4; ++nj)
        ldmatrix_x2(bf[nj], &bs[(wn + nj * 8 + lane % 8) * kGemmPadK + kk +
                                8 * ((lane / 8) % 2)]);
      for (int mi = 0; mi < 2; ++mi)
        for (int nj = 0; nj < 4; ++nj) {
          if (Bf16)
            mma_m16n8k16_bf16(acc[mi][nj], af[mi], bf[nj], acc[mi][nj]);
          else
            mma_m16n8k16_f16(acc[mi][nj], af[mi], bf[nj], acc[mi][nj]);
        }
    }
  }
  __syncthreads(); // a following tile may reuse the shared slabs
}

} // namespace kiln

#endif // KILN_GEMM_CUH
