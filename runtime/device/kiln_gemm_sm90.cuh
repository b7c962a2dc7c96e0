//===- kiln_gemm_sm90.cuh - the Hopper GEMM tile: TMA, mbarriers, wgmma ----===//
//
// The 128 x 128 output tile of C = A · Bᵀ (A M x K, B N x K, both K-major
// 16-bit, f32 accumulation) on sm_90a, warp-specialized:
//
//   warpgroup 0  the producer: one thread streams 64-deep K slabs of A and
//                B into a ring of kSm90Stages stages with TMA (both boxes
//                128 rows of 128 bytes, 128-byte swizzle), each stage's
//                bytes completing on its `full` mbarrier; it gives its
//                registers up (setmaxnreg) to the consumers
//   warpgroups   the consumers: each owns 64 rows of the tile, waits for a
//   1 and 2      stage, issues four wgmma m64n128k16 on it (descriptors
//                stepping 32 bytes along K inside the swizzled rows), keeps
//                one group in flight and releases the stage before it on
//                its `empty` mbarrier (an arrival per warp) once that group
//                has completed
//
// Out-of-bounds boxes arrive as zeros, so ragged M, N and K need no
// branches. The caller's tensor maps: A as dims (K, M), B as (K, N), row
// strides K · 2 bytes, boxes (64, 128), swizzle 3 (128 B). Shared memory:
// kSm90SharedBytes of dynamic shared memory (the stages 1024-aligned from
// the window's start, then the barriers). Thread t of consumer c holds
// acc[i] = C(m0 + 64 c + sm90_acc_row(i), n0 + sm90_acc_col(i)).
//
//===----------------------------------------------------------------------===//

#ifndef KILN_GEMM_SM90_CUH
#define KILN_GEMM_SM90_CUH

#include "kiln_hopper_sync.cuh"
#include "kiln_shared.cuh"
#include "kiln_tma.cuh"
#include "kiln_wgmma.cuh"

namespace kiln {

constexpr int kSm90TileM = 128, kSm90TileN = 128, kSm90TileK = 64;
constexpr int kSm90Stages = 4;
constexpr int kSm90Threads = 384; // producer + two consumer warpgroups
constexpr int kSm90OperandBytes = 128 * kSm90TileK * 2; // a 128-row box
constexpr int kSm90StageBytes = 2 * kSm90OperandBytes;
/// The stages, their 2 · kSm90Stages barriers, and slack to align the
/// stages to 1024 bytes of the shared window (the 128-byte swizzle's
/// pattern, which TMA and wgmma address absolutely).
constexpr int kSm90SharedBytes =
    kSm90Stages * kSm90StageBytes + 2 * kSm90Stages * 8 + 1024;

/// Row (within a consumer's 64 rows) of accumulator element i.
KILN_DEVICE_INLINE int sm90_acc_row(int i) {
  const int t = threadIdx.x % 128;
  return 16 * (t / 32) + (t % 32) / 4 + 8 * ((i >> 1) & 1);
}

/// Column (within the tile) of accumulator element i.
KILN_DEVICE_INLINE int sm90_acc_col(int i) {
  const int t = threadIdx.x % 128;
  return 8 * (i >> 2) + 2 * (t % 4) + (i & 1);
}

/// The stages' memory: the dynamic shared memory from its first
/// 1024-byte boundary in the shared window. Once both consumers have
/// finished (a named barrier of their 256 threads), it may hold their
/// finished tile.
KILN_DEVICE_INLINE unsigned char *sm90_stages() {
  KILN_DYNAMIC_SHARED(unsigned char, window);
#if defined(KILN_EMU)
  return window; // the emulator's window is 1024-aligned
#else
  return window + ((1024u - (shared_address(window) & 1023u)) & 1023u);
#endif
}

/// Runs the tile at (m0, n0) over K (`numK` slabs of 64); returns true in
/// the consumers' threads, whose `acc` then holds their 64 x 128 part (its
/// consumer is threadIdx.x / 128 − 1), false in the producer's. Every
/// thread of the 384-thread block calls it.
template <bool Bf16>
KILN_DEVICE_INLINE bool gemm_tile_sm90(const TensorMap *a, const TensorMap *b,
                                       int numK, int m0, int n0,
                                       float (&acc)[64]) {
  unsigned char *stages = sm90_stages();
  uint64_t *full =
      reinterpret_cast<uint64_t *>(stages + kSm90Stages * kSm90StageBytes);
  uint64_t *empty = full + kSm90Stages;
  auto operandA = [&](int s) { return stages + s * kSm90StageBytes; };
  auto operandB = [&](int s) {
    return stages + s * kSm90StageBytes + kSm90OperandBytes;
  };
  const int warpgroup = threadIdx.x / 128;
  if (threadIdx.x == 0) {
    for (int s = 0; s < kSm90Stages; ++s) {
      mbarrier_init(&full[s], 1);  // the producer's arrive with its bytes
      mbarrier_init(&empty[s], 8); // one arrive per consumer warp
    }
    fence_mbarrier_init(); // TMA completes bytes on them
  }
  __syncthreads();

  if (warpgroup == 0) {
    setmaxnreg_dec<40>();
    if (threadIdx.x == 0)
      for (int kt = 0; kt < numK; ++kt) {
        const int s = kt % kSm90Stages, round = kt / kSm90Stages;
        // The stage's previous round must have been consumed.
        if (round > 0)
          mbarrier_wait_parity(&empty[s], (round - 1) & 1);
        mbarrier_arrive_expect_tx(&full[s], kSm90StageBytes);
        tma_load_2d(operandA(s), a, kt * kSm90TileK, m0, &full[s]);
        tma_load_2d(operandB(s), b, kt * kSm90TileK, n0, &full[s]);
      }
    return false;
  }

  setmaxnreg_inc<232>();
  const int consumer = warpgroup - 1;
  for (int i = 0; i < 64; ++i)
    acc[i] = 0.0f;
  wgmma_fence_operand(acc);
  for (int kt = 0; kt < numK; ++kt) {
    const int s = kt % kSm90Stages;
    mbarrier_wait_parity(&full[s], (kt / kSm90Stages) & 1);
    wgmma_fence();
    // K-major, 128-byte swizzle: rows of 128 bytes, 8-row groups 1024
    // bytes apart (the stride offset); a 16-deep step is 32 bytes along
    // the row, the swizzle applied to the absolute address.
    const unsigned char *tileA = operandA(s) + consumer * 64 * 128;
#pragma unroll
    for (int kk = 0; kk < kSm90TileK / 16; ++kk)
      wgmma_ss<128, Bf16>(
          acc, wgmma_descriptor(tileA + 32 * kk, 16, 1024, WgmmaSwizzle::B128),
          wgmma_descriptor(operandB(s) + 32 * kk, 16, 1024,
                           WgmmaSwizzle::B128),
          true);
    wgmma_commit_group();
    // Slab kt − 1's group is done once at most this one is in flight: its
    // stage may be refilled once every consumer warp has seen that.
    wgmma_wait_group<1>();
    if (kt > 0 && threadIdx.x % 32 == 0)
      mbarrier_arrive(&empty[(kt - 1) % kSm90Stages]);
  }
  wgmma_wait_group<0>();
  wgmma_fence_operand(acc);
  return true;
}

} // namespace kiln

#endif // KILN_GEMM_SM90_CUH
