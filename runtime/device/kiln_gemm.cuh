//===- kiln_gemm.cuh - GEMM main loops: tensor cores (bf16, f16, tf32), f32 -===//
//
// The main loop of Kiln's generated GEMM kernels: a block of two warps
// along M by `WarpsN` along N accumulates the BM x BN tile of C = A * B at
// (m0, n0) in f32, reading BM x 32 and BN x 32 slabs of A and B through a
// multi-stage cp.async pipeline into padded shared memory (rows of 80 /
// 144 / 272 bytes, so ldmatrix rows fall in distinct banks), loading
// fragments with ldmatrix and multiplying with mma.sync m16n8k16. Each warp
// owns a (BM / 2) x 32 sub-tile as MFrags x 4 mma tiles (MFrags = 2 or 4 m16
// fragments); gemm_acc_row / gemm_acc_col give the tile coordinates of
// acc[mi][nj][i], so the generated kernel runs its epilogue on each element
// and stores it. The tiles (TileGeometry):
//
//   64 x 64    4 warps, 3 stages (30 KB of shared memory): small M
//   128 x 64   4 warps, 3 stages (45 KB)
//   128 x 128  8 warps, 4 stages (80 KB, two blocks per SM): a third fewer
//              bytes copied per MMA than 128 x 64, and a stage more in
//              flight, for grids that still fill the GPU
//
// The stages live in dynamic shared memory (the launch asks for
// TileGeometry::kSharedBytes), so that the kernel may stage its finished
// tile there once the pipeline has drained.
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
#include "kiln_shared.cuh"

namespace kiln {

constexpr int kGemmTile = 64;           // N (and the smaller M) of a tile
constexpr int kGemmTileK = 32;          // K of one pipeline stage
constexpr int kGemmStages = 3;          // slabs in flight
constexpr int kGemmThreads = 128;       // four warps
constexpr int kGemmPadK = kGemmTileK + 8; // row pitch of K-contiguous slabs

/// A tensor-core block tile: two warps along M by `WarpsN` (2 or 4) along
/// N, each warp MFrags m16 fragments by four n8 tiles, so BM = 32 · MFrags
/// and BN = 32 · WarpsN. The 8-warp tile keeps four slabs in flight, the
/// 4-warp tiles three, in kSharedBytes of dynamic shared memory.
template <int MFrags, int WarpsN> struct TileGeometry {
  static_assert(MFrags == 2 || MFrags == 4, "64- or 128-row tiles");
  static_assert(WarpsN == 2 || (WarpsN == 4 && MFrags == 4),
                "the 8-warp tile is 128 x 128");
  static constexpr int kThreads = 64 * WarpsN;
  static constexpr int kM = 32 * MFrags, kN = 32 * WarpsN;
  static constexpr int kStages = WarpsN == 4 ? 4 : kGemmStages;
  static constexpr int kRowsPerPass = kThreads / 4; // of 4-chunk slab rows
  static constexpr int kPadN = kN + 8;              // K x N slab row pitch
  // A stage of a 16-bit operand: its rows of kGemmPadK, or 32 rows of B's
  // kPadN (the larger of B's two layouts).
  static constexpr int kStageA = kM * kGemmPadK;
  static constexpr int kStageB =
      kN * kGemmPadK > 32 * kPadN ? kN * kGemmPadK : 32 * kPadN;
  static constexpr int kSharedBytes = kStages * (kStageA + kStageB) * 2;
};

/// The B fragments of n8 tiles 2p and 2p + 1 from an ldmatrix.x4 over the
/// pair (registers 0, 1: tile 2p; 2, 3: tile 2p + 1).
KILN_DEVICE_INLINE void split_b_pair(unsigned b[4][2], int p,
                                     const unsigned r[4]) {
  b[2 * p][0] = r[0];
  b[2 * p][1] = r[1];
  b[2 * p + 1][0] = r[2];
  b[2 * p + 1][1] = r[3];
}

/// Row (within the block tile) of accumulator element acc[mi][nj][i] when
/// each warp holds `MFrags` m16 fragments and the block `WarpsN` warps
/// along N.
template <int MFrags = 2, int WarpsN = 2>
KILN_DEVICE_INLINE int gemm_acc_row(int mi, int i) {
  const int warp = threadIdx.x / 32, lane = threadIdx.x % 32;
  return (warp / WarpsN) * (16 * MFrags) + mi * 16 + lane / 4 + 8 * (i >> 1);
}

/// Column (within the block tile) of accumulator element acc[mi][nj][i].
template <int WarpsN = 2> KILN_DEVICE_INLINE int gemm_acc_col(int nj, int i) {
  const int warp = threadIdx.x / 32, lane = threadIdx.x % 32;
  return (warp % WarpsN) * 32 + nj * 8 + 2 * (lane % 4) + (i & 1);
}

/// The K-slab geometry every slab loader shares, for operands of type `T`
/// (16-bit, or float for the TF32 tiles): a slab row is 64 bytes, copied in
/// 16-byte chunks, into a stage row of 80 bytes (kGemmPadK 16-bit
/// elements, so ldmatrix's eight rows fall in distinct banks).
template <typename T> struct SlabGeometry {
  static constexpr int kChunk = 16 / sizeof(T); // columns per cp.async
  static constexpr int kSlab = 64 / sizeof(T);  // columns per slab
  static constexpr int kPitch = 80 / sizeof(T); // stage row pitch
};

/// This thread's 16-byte chunks of `Rows` rows of a K-contiguous matrix
/// (rows × K of `T`: 16-bit, or float for the TF32 tile) in each K-slab of
/// 64 bytes per row (kSlab columns): rows r0 + t / 4 + (Threads / 4) j,
/// columns (t % 4) · kChunk of the slab, copied to a [row][kPitch] stage
/// (80-byte rows: kGemmPadK 16-bit elements). A thread copies the same chunks of
/// every slab, so it keeps their addresses and steps them one slab along
/// per call; slabs are asked for in order, and chunks past the matrix
/// (rows, or slabs past K) are zero fill. `Index` holds columns: int where
/// the caller knows K + kSlab < 2³¹ (a 32-bit compare per slab), else
/// int64_t.
template <int Rows, typename Index = int64_t, typename T = unsigned short,
          int Threads = kGemmThreads>
struct RowChunks : SlabGeometry<T> {
  static constexpr int kRowsPerPass = Threads / 4;
  using SlabGeometry<T>::kChunk;
  using SlabGeometry<T>::kSlab;
  using SlabGeometry<T>::kPitch;
  const T *base;     // zero-fill source (never read)
  const T *at[Rows]; // this thread's chunks of the next slab
  bool in[Rows];     // rows inside the matrix
  Index k, K;        // the chunks' column in the next slab

  /// `kBegin` (a multiple of kSlab) is the first slab's column: a split-K
  /// block starts inside the rows.
  KILN_DEVICE_INLINE void init(const T *m, int64_t rows, int64_t cols,
                               int64_t r0, int64_t kBegin = 0) {
    const int t = threadIdx.x;
    base = m;
    K = static_cast<Index>(cols);
    k = static_cast<Index>(kBegin + (t % 4) * kChunk);
    for (int j = 0; j < Rows; ++j) {
      const int64_t row = r0 + t / 4 + kRowsPerPass * j;
      in[j] = row < rows;
      at[j] = m + (in[j] ? row * cols + k : 0);
    }
  }

  /// Issues this thread's copies of the next slab into `stage`.
  KILN_DEVICE_INLINE void copy(T *stage) {
    const int t = threadIdx.x, kc = (t % 4) * kChunk;
#pragma unroll
    for (int j = 0; j < Rows; ++j) {
      const bool ok = in[j] && k < K;
      cp_async_16_zfill(&stage[(t / 4 + kRowsPerPass * j) * kPitch + kc],
                        ok ? at[j] : base, ok ? 16 : 0);
      at[j] += kSlab;
    }
    k += kSlab;
  }
};

/// The K-slab copies of plain matrices A and B (gemm_block_tile) for the
/// tile TileGeometry<MFrags, WarpsN>: 16-byte chunks in RowChunks' order,
/// BM / (threads / 4) rows of A's per thread and two of B's (a K x N B:
/// slab rows t / C + 16 j, columns (t % C) · 8, with C = BN / 8 chunks per
/// row).
template <bool BTransposed, int MFrags = 2, int WarpsN = 2> struct MatrixSlabs {
  using Tile = TileGeometry<MFrags, WarpsN>;
  static constexpr int kChunksN = Tile::kN / 8; // per K x N slab row
  RowChunks<Tile::kM / Tile::kRowsPerPass, int64_t, unsigned short,
            Tile::kThreads>
      a;
  RowChunks<2, int64_t, unsigned short, Tile::kThreads>
      bt; // B when BTransposed (N x K)
  // A K x N B: this thread's chunks of the next slab, whether its columns
  // are inside N, the slab's first row of chunk 0, B's slab pitch.
  const unsigned short *B, *b[2];
  bool bIn;
  int64_t kB, K, bStep;

  KILN_DEVICE_INLINE MatrixSlabs(const unsigned short *A,
                                 const unsigned short *B, int64_t M, int64_t N,
                                 int64_t K, int64_t m0, int64_t n0)
      : B(B), K(K) {
    a.init(A, M, K, m0);
    if (BTransposed) {
      bt.init(B, N, K, n0);
    } else {
      const int t = threadIdx.x;
      const int64_t col = n0 + (t % kChunksN) * 8;
      kB = t / kChunksN;
      bStep = kGemmTileK * N;
      bIn = col < N;
      for (int j = 0; j < 2; ++j)
        b[j] = B + (bIn ? (kB + 16 * j) * N + col : 0);
    }
  }

  /// Issues the next slab's copies into a pipeline stage.
  KILN_DEVICE_INLINE void operator()(unsigned short *As, unsigned short *Bs) {
    a.copy(As);
    if (BTransposed) {
      bt.copy(Bs);
      return;
    }
    const int t = threadIdx.x;
#pragma unroll
    for (int j = 0; j < 2; ++j) {
      const bool ok = bIn && kB + 16 * j < K;
      cp_async_16_zfill(
          &Bs[(t / kChunksN + 16 * j) * Tile::kPadN + (t % kChunksN) * 8],
          ok ? b[j] : B, ok ? 16 : 0);
      b[j] += bStep;
    }
    kB += kGemmTileK;
  }
};

/// The `Stages`-deep cp.async ring of the slab tiles: `issue(stage)` starts
/// the copies of the next K-slab into pipeline stage `stage` (slabs in
/// order; the loaders zero-fill slabs past K, so the ring asks for the next
/// one unconditionally, the last iterations filling stages nobody reads,
/// instead of branching around the copies), `landed(stage)` may rework the
/// thread's own copies of the slab in `stage` once they have arrived, before
/// the barrier that shows them to the block, and `multiply(stage)` consumes
/// the slab, once per slab, numK times. Stage indices step instead of being
/// taken modulo. All threads of the block call it together; it returns with
/// every copy complete and the stages free. `Rolled` keeps the compiler
/// from unrolling the slab loop: the 128 x 128 tile's accumulators take
/// half its 128 registers, and with a short constant K peeled iterations
/// would spill them.
template <int Stages = kGemmStages, bool Rolled = false, typename Issue,
          typename Landed, typename Multiply>
KILN_DEVICE_INLINE void cp_async_slab_ring(int numK, Issue &&issue,
                                           Landed &&landed,
                                           Multiply &&multiply) {
  for (int s = 0; s < Stages - 1; ++s) {
    issue(s);
    cp_async_commit();
  }
  int readStage = 0, writeStage = Stages - 1;
  auto step = [&] {
    // Groups committed so far: stages - 1 + kt; slab kt is group kt.
    cp_async_wait<Stages - 2>();
    landed(readStage);
    __syncthreads(); // slab kt visible to all; slab kt - 1 fully consumed
    issue(writeStage);
    cp_async_commit();
    multiply(readStage);
    readStage = readStage == Stages - 1 ? 0 : readStage + 1;
    writeStage = writeStage == Stages - 1 ? 0 : writeStage + 1;
  };
  if constexpr (Rolled) {
#pragma unroll 1
    for (int kt = 0; kt < numK; ++kt)
      step();
  } else {
    for (int kt = 0; kt < numK; ++kt)
      step();
  }
  cp_async_wait_all();
  __syncthreads(); // a following tile may reuse the shared slabs
}

/// acc = the BM x BN tile (TileGeometry<MFrags, WarpsN>) of A * B (f32
/// accumulation) whose K-slabs `load(As, Bs)` copies into shared memory
/// with cp.async, one call per slab in order (and zero fill for calls past
/// K): A as BM rows of 32 k at pitch kGemmPadK, B as BN such rows when
/// `BTransposed` (n rows), else as 32 rows of BN n at pitch kPadN; zeros
/// where the slab passes the matrix. `Bf16` picks bf16 or f16 inputs. All
/// the block's threads call it together; the stages live in dynamic shared
/// memory (the launch's kSharedBytes), free again when it returns.
///
/// The loop keeps to 32-bit arithmetic: each lane's ldmatrix offsets
/// within a stage are computed once (cp_async_slab_ring steps the stages).
template <bool Bf16, bool BTransposed, int MFrags = 2, int WarpsN = 2,
          typename Slabs>
KILN_DEVICE_INLINE void gemm_block_tile_slabs(Slabs &load, int64_t K,
                                              float acc[MFrags][4][4]) {
  using Tile = TileGeometry<MFrags, WarpsN>;
  constexpr int aStage = Tile::kStageA, bStage = Tile::kStageB,
                padN = Tile::kPadN;
  KILN_DYNAMIC_SHARED(unsigned short, As);
  unsigned short *const Bs = As + Tile::kStages * aStage;
  const int lane = threadIdx.x % 32, warp = threadIdx.x / 32;
  const int wm = (warp / WarpsN) * (16 * MFrags), wn = (warp % WarpsN) * 32;
  for (int mi = 0; mi < MFrags; ++mi)
    for (int nj = 0; nj < 4; ++nj)
      for (int i = 0; i < 4; ++i)
        acc[mi][nj][i] = 0.0f;
  // Lane offsets (elements) of the fragments within a stage, at kk = 0:
  // A's 16 x 16 fragment mi at aFrag + mi · 16 rows; Bᵀ's pair of n8
  // fragments p (x4: n8 tile 2p then 2p + 1, each k 0–7 then 8–15) at
  // bFrag + p · 16 rows; a K x N B's x4.trans pair p at bFrag + 16 p.
  const int aFrag = (wm + lane % 16) * kGemmPadK + 8 * (lane / 16);
  const int bFrag =
      BTransposed
          ? (wn + 8 * (lane / 16) + lane % 8) * kGemmPadK + 8 * ((lane / 8) % 2)
          : (lane % 8 + 8 * ((lane / 8) % 2)) * padN + wn + 8 * (lane / 16);

  const int numK = static_cast<int>((K + kGemmTileK - 1) / kGemmTileK);
  cp_async_slab_ring<Tile::kStages, /*Rolled=*/WarpsN == 4>(
      numK,
      [&](int stage) { load(As + stage * aStage, Bs + stage * bStage); },
      [](int) {},
      [&](int stage) {
        const unsigned short *as = As + stage * aStage + aFrag;
        const unsigned short *bs = Bs + stage * bStage + bFrag;
#pragma unroll
        for (int kk = 0; kk < kGemmTileK; kk += 16) {
          unsigned a[MFrags][4], b[4][2];
#pragma unroll
          for (int mi = 0; mi < MFrags; ++mi)
            ldmatrix_x4(a[mi], as + mi * 16 * kGemmPadK + kk);
#pragma unroll
          for (int p = 0; p < 2; ++p) {
            unsigned r[4];
            if (BTransposed)
              ldmatrix_x4(r, bs + p * 16 * kGemmPadK + kk);
            else
              ldmatrix_x4_trans(r, bs + kk * padN + 16 * p);
            split_b_pair(b, p, r);
          }
#pragma unroll
          for (int mi = 0; mi < MFrags; ++mi)
#pragma unroll
            for (int nj = 0; nj < 4; ++nj) {
              if (Bf16)
                mma_m16n8k16_bf16(acc[mi][nj], a[mi], b[nj], acc[mi][nj]);
              else
                mma_m16n8k16_f16(acc[mi][nj], a[mi], b[nj], acc[mi][nj]);
            }
        }
      });
}

/// acc = the BM x BN tile (TileGeometry<MFrags, WarpsN>) of A * B at (m0,
/// n0), f32 accumulation. `Bf16` picks bf16 or f16 inputs. All the block's
/// threads call it together.
template <bool Bf16, bool BTransposed, int MFrags = 2, int WarpsN = 2>
KILN_DEVICE_INLINE void gemm_block_tile(const unsigned short *A,
                                        const unsigned short *B, int64_t M,
                                        int64_t N, int64_t K, int64_t m0,
                                        int64_t n0, float acc[MFrags][4][4]) {
  MatrixSlabs<BTransposed, MFrags, WarpsN> slabs(A, B, M, N, K, m0, n0);
  gemm_block_tile_slabs<Bf16, BTransposed, MFrags, WarpsN>(slabs, K, acc);
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
// TF32 tensor cores for f32 GEMMs (PyTorch's allow_tf32): the operand
// functions of gemm_block_tile_f32_gather, the block tile, warp layout and
// accumulator layout of gemm_block_tile with MFrags = 2 (gemm_acc_row /
// gemm_acc_col), and mma.sync m16n8k8 on operands rounded to TF32 (10
// mantissa bits, to nearest) as they are staged, accumulating in f32.
// K runs in slabs of 16: each thread gathers its 8 elements of A and of B
// for slab k + 1 into registers while the warps multiply slab k, then
// stores them rounded into the other of two shared buffers, so one barrier
// per slab suffices and the gathers' latency hides behind the MMAs. The
// buffers are [k][m] and [k][n] with rows padded to 72 words, so a
// fragment load (lanes at k = tig, m or n = groupID) hits 32 distinct
// banks. Any layout of A and B, any M, N, K; no alignment needed.
//===----------------------------------------------------------------------===//

constexpr int kGemmTf32Pitch = kGemmTile + 8;

template <bool AWalksM, bool BWalksN, typename AAt, typename BAt>
KILN_DEVICE_INLINE void gemm_block_tile_tf32_gather(const AAt &a, const BAt &b,
                                                    int64_t M, int64_t N,
                                                    int64_t K, int64_t m0,
                                                    int64_t n0,
                                                    float acc[2][4][4]) {
  constexpr int perThread = kGemmTile * kGemmF32TileK / kGemmThreads; // 8
  __shared__ unsigned As[2][kGemmF32TileK][kGemmTf32Pitch]; // [k][m], TF32
  __shared__ unsigned Bs[2][kGemmF32TileK][kGemmTf32Pitch]; // [k][n], TF32
  const int lane = threadIdx.x % 32, warp = threadIdx.x / 32;
  const int group = lane / 4, tig = lane % 4;
  const int wm = (warp / 2) * 32, wn = (warp % 2) * 32;
  for (int mi = 0; mi < 2; ++mi)
    for (int nj = 0; nj < 4; ++nj)
      for (int i = 0; i < 4; ++i)
        acc[mi][nj][i] = 0.0f;
  // Element j of this thread's share of a slab: (m or n, k) within it.
  auto aAt = [](int j, int &m, int &k) {
    const int i = threadIdx.x + j * kGemmThreads;
    m = AWalksM ? i % kGemmTile : i / kGemmF32TileK;
    k = AWalksM ? i / kGemmTile : i % kGemmF32TileK;
  };
  auto bAt = [](int j, int &n, int &k) {
    const int i = threadIdx.x + j * kGemmThreads;
    n = BWalksN ? i % kGemmTile : i / kGemmF32TileK;
    k = BWalksN ? i / kGemmTile : i % kGemmF32TileK;
  };
  float ra[perThread], rb[perThread];
  auto fetch = [&](int64_t k0) {
#pragma unroll
    for (int j = 0; j < perThread; ++j) {
      int m, k, n, kb;
      aAt(j, m, k);
      bAt(j, n, kb);
      ra[j] = m0 + m < M && k0 + k < K ? a(m0 + m, k0 + k) : 0.0f;
      rb[j] = n0 + n < N && k0 + kb < K ? b(k0 + kb, n0 + n) : 0.0f;
    }
  };
  const int64_t numK = (K + kGemmF32TileK - 1) / kGemmF32TileK;
  fetch(0);
  for (int64_t kt = 0; kt < numK; ++kt) {
    const int buf = static_cast<int>(kt & 1);
#pragma unroll
    for (int j = 0; j < perThread; ++j) {
      int m, k, n, kb;
      aAt(j, m, k);
      bAt(j, n, kb);
      As[buf][k][m] = to_tf32(ra[j]);
      Bs[buf][kb][n] = to_tf32(rb[j]);
    }
    __syncthreads(); // slab kt stored; the buffer's slab kt - 2 was consumed
                     // before the previous iteration's barrier
    if (kt + 1 < numK)
      fetch((kt + 1) * kGemmF32TileK);
#pragma unroll
    for (int kk = 0; kk < kGemmF32TileK; kk += 8) {
      unsigned af[2][4], bf[4][2];
#pragma unroll
      for (int mi = 0; mi < 2; ++mi)
#pragma unroll
        for (int r = 0; r < 4; ++r)
          af[mi][r] = As[buf][kk + tig + 4 * (r >> 1)]
                       [wm + mi * 16 + group + 8 * (r & 1)];
#pragma unroll
      for (int nj = 0; nj < 4; ++nj)
#pragma unroll
        for (int r = 0; r < 2; ++r)
          bf[nj][r] = Bs[buf][kk + tig + 4 * r][wn + nj * 8 + group];
#pragma unroll
      for (int mi = 0; mi < 2; ++mi)
#pragma unroll
        for (int nj = 0; nj < 4; ++nj)
          mma_m16n8k8_tf32(acc[mi][nj], af[mi], bf[nj], acc[mi][nj]);
    }
  }
  __syncthreads(); // a following tile may reuse the shared slabs
}

/// acc = the 64 x 64 tile of op(A) * op(B) at (m0, n0) on TF32 tensor
/// cores (accumulator layout of gemm_block_tile): A is M x K (K x M when
/// `ATransposed`), B is K x N (N x K when `BTransposed`). All 128 threads
/// call it together.
template <bool ATransposed, bool BTransposed>
KILN_DEVICE_INLINE void gemm_block_tile_tf32(const float *A, const float *B,
                                             int64_t M, int64_t N, int64_t K,
                                             int64_t m0, int64_t n0,
                                             float acc[2][4][4]) {
  gemm_block_tile_tf32_gather<ATransposed, !BTransposed>(
      MatrixAt<ATransposed>{A, M, K}, MatrixAt<BTransposed>{B, K, N}, M, N, K,
      m0, n0, acc);
}

/// acc = the (32 · MFrags) x 64 tile of A · Bᵀ on TF32 tensor cores (the
/// accumulator layout of gemm_block_tile<_, _, MFrags>), whose K-slabs
/// `load(As, Bs)` copies into shared memory with cp.async, one call per
/// slab in order (zero fill for calls past K): A as 32 · MFrags rows of 16
/// floats, B as 64 (n rows, B stored N x K), at a pitch of 20 floats
/// (kiln::ConvChannelsLastSlabs<_, _, float>, MatrixSlabsTf32), through
/// cp_async_slab_ring. All 128 threads call it together.
///
/// Fragments come by ldmatrix: a 16-bit 8 x 8 matrix is eight 16-byte rows,
/// and lane l's register holds 32 bits of row l / 4 at word l % 4, so with
/// 4 floats per row it is row groupID, column tig of an 8 x 4 float block.
/// An x4 over the blocks (rows 0-7, k 0-3), (8-15, 0-3), (0-7, 4-7),
/// (8-15, 4-7) is exactly an m16n8k8 A fragment a0..a3, and one over an n8
/// tile's (k 0-3, k 4-7) and the next tile's is two B fragments; the
/// 80-byte pitch puts each matrix's eight rows in distinct banks. cp.async
/// copies f32 bits as they are, so each thread rounds its own chunks with
/// to_tf32 in shared memory when they land, before the slab's barrier. The
/// loader must copy chunk t % 4 of rows t / 4 + 32 j (RowChunks' order).
template <int MFrags, typename Slabs>
KILN_DEVICE_INLINE void gemm_block_tile_slabs_tf32(Slabs &load, int64_t K,
                                                   float acc[MFrags][4][4]) {
  constexpr int pitch = 20, slabK = 16;
  constexpr int aStage = 32 * MFrags * pitch, bStage = 64 * pitch;
  __shared__ __align__(16) float As[kGemmStages * aStage];
  __shared__ __align__(16) float Bs[kGemmStages * bStage];
  const int lane = threadIdx.x % 32, warp = threadIdx.x / 32;
  const int wm = (warp / 2) * (16 * MFrags), wn = (warp % 2) * 32;
  for (int mi = 0; mi < MFrags; ++mi)
    for (int nj = 0; nj < 4; ++nj)
      for (int i = 0; i < 4; ++i)
        acc[mi][nj][i] = 0.0f;
  // Lane l names row l % 8 of matrix l / 8 (the blocks above).
  const int aFrag =
      (wm + lane % 8 + 8 * ((lane / 8) % 2)) * pitch + 4 * (lane / 16);
  const int bFrag =
      (wn + lane % 8 + 8 * (lane / 16)) * pitch + 4 * ((lane / 8) % 2);
  // The 16 bytes this thread copied into each row it loads (the loaders'
  // chunk order: rows t / 4 + 32 j, floats 4 (t % 4)).
  const int ownChunk = (threadIdx.x / 4) * pitch + 4 * (threadIdx.x % 4);
  auto round = [](float *chunk) {
    float4 v = *reinterpret_cast<float4 *>(chunk);
    v.x = __uint_as_float(to_tf32(v.x));
    v.y = __uint_as_float(to_tf32(v.y));
    v.z = __uint_as_float(to_tf32(v.z));
    v.w = __uint_as_float(to_tf32(v.w));
    *reinterpret_cast<float4 *>(chunk) = v;
  };
  const int numK = static_cast<int>((K + slabK - 1) / slabK);
  cp_async_slab_ring(
      numK, [&](int stage) { load(As + stage * aStage, Bs + stage * bStage); },
      [&](int stage) {
        // Each element is rounded once here, where the fragments would
        // round it once per warp that reads it.
#pragma unroll
        for (int j = 0; j < MFrags; ++j)
          round(As + stage * aStage + ownChunk + 32 * j * pitch);
#pragma unroll
        for (int j = 0; j < 2; ++j)
          round(Bs + stage * bStage + ownChunk + 32 * j * pitch);
      },
      [&](int stage) {
        const float *as = As + stage * aStage + aFrag;
        const float *bs = Bs + stage * bStage + bFrag;
#pragma unroll
        for (int kk = 0; kk < slabK; kk += 8) {
          unsigned a[MFrags][4], b[4][2];
#pragma unroll
          for (int mi = 0; mi < MFrags; ++mi)
            ldmatrix_x4(a[mi], as + mi * 16 * pitch + kk);
#pragma unroll
          for (int p = 0; p < 2; ++p) {
            unsigned r[4];
            ldmatrix_x4(r, bs + p * 16 * pitch + kk);
            split_b_pair(b, p, r);
          }
#pragma unroll
          for (int mi = 0; mi < MFrags; ++mi)
#pragma unroll
            for (int nj = 0; nj < 4; ++nj)
              mma_m16n8k8_tf32(acc[mi][nj], a[mi], b[nj], acc[mi][nj]);
        }
      });
}

/// The K-slab copies of f32 matrices A (M x K) and B stored N x K, both
/// K-contiguous, for gemm_block_tile_slabs_tf32: 16-byte chunks of 4
/// floats, MFrags rows of A's and two of B's per thread.
template <int MFrags> struct MatrixSlabsTf32 {
  RowChunks<MFrags, int64_t, float> a;
  RowChunks<2, int64_t, float> b;

  KILN_DEVICE_INLINE MatrixSlabsTf32(const float *A, const float *B,
                                     int64_t M, int64_t N, int64_t K,
                                     int64_t m0, int64_t n0) {
    a.init(A, M, K, m0);
    b.init(B, N, K, n0);
  }

  KILN_DEVICE_INLINE void operator()(float *As, float *Bs) {
    a.copy(As);
    b.copy(Bs);
  }
};

/// acc = the (32 · MFrags) x 64 tile of A · Bᵀ at (m0, n0) on TF32 tensor
/// cores, A M x K and B N x K, both K-contiguous with K a multiple of 4 and
/// 16-byte aligned (every 16-byte copy lies wholly inside or outside a
/// row). All 128 threads call it together.
template <int MFrags>
KILN_DEVICE_INLINE void gemm_block_tile_tf32_bt(const float *A, const float *B,
                                                int64_t M, int64_t N,
                                                int64_t K, int64_t m0,
                                                int64_t n0,
                                                float acc[MFrags][4][4]) {
  MatrixSlabsTf32<MFrags> slabs(A, B, M, N, K, m0, n0);
  gemm_block_tile_slabs_tf32<MFrags>(slabs, K, acc);
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
      for (int p = 0; p < 2; ++p) { // n8 tiles 2p and 2p + 1 (x4)
        unsigned r[4];
        ldmatrix_x4(r, &bs[(wn + 16 * p + 8 * (lane / 16) + lane % 8) *
                               kGemmPadK +
                           kk + 8 * ((lane / 8) % 2)]);
        split_b_pair(bf, p, r);
      }
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
