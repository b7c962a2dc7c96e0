//===- kiln_attention.cuh - flash attention on tensor cores ---------------===//
//
// The main loop of Kiln's generated attention kernels (FlashAttention-2's
// schedule): a 128-thread block owns 64 query rows of one (batch, head);
// warp w owns rows 16w … 16w + 15. The block walks the key range in tiles
// of 64 keys: K and V tiles arrive through cp.async in padded shared memory
// (double-buffered: the next tile loads while this one is multiplied),
// S = Q·Kᵀ runs on mma.sync m16n8k16 (Q's fragments stay in registers), the
// softmax is online (running row max and sum in f32), P is rounded to the
// input type and multiplied by V on tensor cores into f32 accumulators.
// The score matrix never leaves registers.
//
// The mma accumulator layout (kiln_mma.cuh) puts S[row][key] for row
// groupID (+8) and keys 2·tig (+1) in each lane, which is exactly the A
// fragment layout of the next mma: P needs no shuffle between the two
// products. A row's four lanes (one quad) combine maxima and sums with two
// xor shuffles.
//
// `Mask` decides each score: `mask.logit(row, key, s)` returns the logit of
// scaled score `s` (plus an additive mask) or -INFINITY when the key is not
// allowed; the generated kernel supplies it (causal, window, S2 groups,
// boolean or float masks). Rows whose keys are all masked end with sum 0;
// the caller writes 0 for them (docs/ops.md).
//
// Q is Lq x D, K is Lk x D and V is Lk x DV, row-major, 16-byte aligned,
// D and DV multiples of 16 (at most 128); rows past Lq / Lk are zero-filled.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_ATTENTION_CUH
#define KILN_ATTENTION_CUH

#include "kiln_cp_async.cuh"
#include "kiln_float16.cuh"
#include "kiln_ldmatrix.cuh"
#include "kiln_mma.cuh"
#include "kiln_shared.cuh"

namespace kiln {

constexpr int kAttnRows = 64;    // query rows per block
constexpr int kAttnKeys = 64;    // keys per tile
constexpr int kAttnThreads = 128;
constexpr float kLog2e = 1.4426950408889634f; // log2(e)

/// Row within the block's 64 of accumulator element i (0 … 3) of this lane.
KILN_DEVICE_INLINE int attention_acc_row(int i) {
  return (threadIdx.x / 32) * 16 + (threadIdx.x % 32) / 4 + 8 * (i >> 1);
}

/// Column within an 8-wide n tile of accumulator element i of this lane.
KILN_DEVICE_INLINE int attention_acc_col(int i) {
  return 2 * (threadIdx.x % 4) + (i & 1);
}

/// Copies rows [r0, r0 + rows) of a `count` x `width` matrix into `tile`
/// (pitch width + 8), zero-filling rows past `count`.
template <int Width>
KILN_DEVICE_INLINE void attention_load_tile(unsigned short *tile,
                                            const unsigned short *src,
                                            int64_t r0, int64_t count,
                                            int rows) {
  constexpr int chunks = Width / 8; // 16-byte copies per row
  for (int c = threadIdx.x; c < rows * chunks; c += kAttnThreads) {
    const int row = c / chunks, col = (c % chunks) * 8;
    const bool ok = r0 + row < count;
    cp_async_16_zfill(&tile[row * (Width + 8) + col],
                      ok ? &src[(r0 + row) * Width + col] : src, ok ? 16 : 0);
  }
}

/// 2^x by the SFU alone (ex2.approx.ftz.f32: about 2 ulp, results below
/// 2^-126 flushed to 0), where exp2f adds a range check and two scalings
/// to keep subnormal results. The softmax's exponents are ≤ 0 and its
/// weights are rounded to 16 bits, so neither matters there. The emulator
/// computes 2^x exactly and flushes the same way.
KILN_DEVICE_INLINE float attention_exp2(float x) {
#if defined(KILN_EMU)
  const float r = exp2f(x);
  return r < 1.17549435e-38f ? 0.0f : r;
#else
  float r;
  asm("ex2.approx.ftz.f32 %0, %1;\n" : "=f"(r) : "f"(x));
  return r;
#endif
}

/// Two 16-bit floats into one register, `lo` in the low half.
template <bool Bf16>
KILN_DEVICE_INLINE unsigned attention_pack(float lo, float hi) {
  unsigned a, b;
  if (Bf16) {
    a = __bfloat16_as_ushort(__float2bfloat16_rn(lo));
    b = __bfloat16_as_ushort(__float2bfloat16_rn(hi));
  } else {
    a = __half_as_ushort(__float2half_rn(lo));
    b = __half_as_ushort(__float2half_rn(hi));
  }
  return a | (b << 16);
}

template <bool Bf16>
KILN_DEVICE_INLINE void attention_mma(float d[4], const unsigned a[4],
                                      const unsigned b[2]) {
  if (Bf16)
    mma_m16n8k16_bf16(d, a, b, d);
  else
    mma_m16n8k16_f16(d, a, b, d);
}

/// Accumulates rows q0 … q0 + 63 of softmax(mask(Q·Kᵀ))·V over the key tiles
/// that start in [keyBegin, keyEnd) into `o` (unnormalized, f32) and this
/// lane's share of each row sum into `sum` (rows attention_acc_row(0) and
/// (2)); the caller divides by the quad-combined sum. All 128 threads call.
///
/// Dynamic shared memory: a Q tile and two K and V tiles each, rows padded
/// by 8 elements so the eight rows an ldmatrix reads fall in distinct banks:
/// 2 · 64 · (3 (D + 8) + 2 (DV + 8)) bytes (the emitter sets the launch's
/// size).
template <bool Bf16, int D, int DV, typename Mask>
KILN_DEVICE_INLINE void
flash_attention_rows(const unsigned short *Q, const unsigned short *K,
                     const unsigned short *V, int64_t Lq, int64_t Lk,
                     int64_t q0, int64_t keyBegin, int64_t keyEnd,
                     const Mask &mask, float o[DV / 8][4], float sum[2]) {
  KILN_DYNAMIC_SHARED(unsigned short, smem);
  unsigned short *Qs = smem;
  // Two K / V buffers: tile t + 1 is in flight while tile t is used. The
  // current and next buffers are swapped after each tile (an array of the
  // two pointers indexed by the tile's parity would live in local memory).
  unsigned short *Kcur = Qs + kAttnRows * (D + 8),
                 *Knext = Kcur + kAttnKeys * (D + 8);
  unsigned short *Vcur = Qs + (kAttnRows + 2 * kAttnKeys) * (D + 8),
                 *Vnext = Vcur + kAttnKeys * (DV + 8);
  const int lane = threadIdx.x % 32, warp = threadIdx.x / 32;

  attention_load_tile<D>(Qs, Q, q0, Lq, kAttnRows);
  if (keyBegin < keyEnd) {
    attention_load_tile<D>(Kcur, K, keyBegin, Lk, kAttnKeys);
    attention_load_tile<DV>(Vcur, V, keyBegin, Lk, kAttnKeys);
  }
  cp_async_commit();
  cp_async_wait<0>();
  __syncthreads();
  // This lane's row of Q's fragments (Q stays in shared memory: holding all
  // D / 16 fragments in registers, 32 of them at D = 128, spilled).
  const unsigned short *qRow =
      &Qs[(warp * 16 + lane % 16) * (D + 8) + 8 * (lane / 16)];
  // This lane's row of a pair of K's n8 tiles (x4: tile 2p at k 0-7, 8-15,
  // then tile 2p + 1).
  const int kRow = (8 * (lane / 16) + lane % 8) * (D + 8) + 8 * ((lane / 8) % 2);

  float rowMax[2] = {-INFINITY, -INFINITY};
  sum[0] = sum[1] = 0.0f;
  for (int nj = 0; nj < DV / 8; ++nj)
    for (int i = 0; i < 4; ++i)
      o[nj][i] = 0.0f;

  for (int64_t k0 = keyBegin; k0 < keyEnd; k0 += kAttnKeys) {
    // Issue the next tile into the other buffer (read in the last
    // iteration and released by the barrier that ended it).
    if (k0 + kAttnKeys < keyEnd) {
      attention_load_tile<D>(Knext, K, k0 + kAttnKeys, Lk, kAttnKeys);
      attention_load_tile<DV>(Vnext, V, k0 + kAttnKeys, Lk, kAttnKeys);
    }
    cp_async_commit();
    cp_async_wait<1>(); // this tile's copies are done
    __syncthreads();
    const unsigned short *Ks = Kcur, *Vs = Vcur;

    // S = Q·Kᵀ for this warp's 16 rows and the tile's 64 keys, one k step
    // of Q at a time.
    float s[kAttnKeys / 8][4];
    for (int nj = 0; nj < kAttnKeys / 8; ++nj)
      for (int i = 0; i < 4; ++i)
        s[nj][i] = 0.0f;
#pragma unroll
    for (int kk = 0; kk < D / 16; ++kk) {
      unsigned qf[4];
      ldmatrix_x4(qf, qRow + kk * 16);
#pragma unroll
      for (int p = 0; p < kAttnKeys / 16; ++p) {
        unsigned r[4];
        ldmatrix_x4(r, &Ks[p * 16 * (D + 8) + kRow + kk * 16]);
        const unsigned b0[2] = {r[0], r[1]}, b1[2] = {r[2], r[3]};
        attention_mma<Bf16>(s[2 * p], qf, b0);
        attention_mma<Bf16>(s[2 * p + 1], qf, b1);
      }
    }

    // Online softmax: logits, the new row maxima, rescaling. Logits, maxima
    // and exponents are in base 2 (the logit times log2 e), so each
    // exponential is one SFU instruction (attention_exp2).
    float tileMax[2] = {-INFINITY, -INFINITY};
    for (int nj = 0; nj < kAttnKeys / 8; ++nj)
      for (int i = 0; i < 4; ++i) {
        const int64_t row = q0 + attention_acc_row(i);
        const int64_t key = k0 + nj * 8 + attention_acc_col(i);
        s[nj][i] = key < Lk ? mask.logit(row, key, s[nj][i]) * kLog2e
                            : -INFINITY;
        tileMax[i >> 1] = fmaxf(tileMax[i >> 1], s[nj][i]);
      }
    float scaleOld[2], base[2];
    for (int r = 0; r < 2; ++r) {
      tileMax[r] = fmaxf(tileMax[r], __shfl_xor_sync(0xffffffffu, tileMax[r], 1));
      tileMax[r] = fmaxf(tileMax[r], __shfl_xor_sync(0xffffffffu, tileMax[r], 2));
      const float newMax = fmaxf(rowMax[r], tileMax[r]);
      // A row with no allowed key so far keeps max -inf; exponents use 0
      // then, so every p and the rescale factor are 0, not NaN.
      base[r] = newMax == -INFINITY ? 0.0f : newMax;
      scaleOld[r] = attention_exp2(rowMax[r] - base[r]);
      rowMax[r] = newMax;
      sum[r] *= scaleOld[r];
    }
    for (int nj = 0; nj < DV / 8; ++nj)
      for (int i = 0; i < 4; ++i)
        o[nj][i] *= scaleOld[i >> 1];
    for (int nj = 0; nj < kAttnKeys / 8; ++nj)
      for (int i = 0; i < 4; ++i) {
        s[nj][i] = attention_exp2(s[nj][i] - base[i >> 1]);
        sum[i >> 1] += s[nj][i];
      }

    // O += P·V: the accumulators of n tiles 2kk and 2kk + 1 are the A
    // fragment of k step kk.
    for (int kk = 0; kk < kAttnKeys / 16; ++kk) {
      unsigned p[4] = {attention_pack<Bf16>(s[2 * kk][0], s[2 * kk][1]),
                       attention_pack<Bf16>(s[2 * kk][2], s[2 * kk][3]),
                       attention_pack<Bf16>(s[2 * kk + 1][0], s[2 * kk + 1][1]),
                       attention_pack<Bf16>(s[2 * kk + 1][2], s[2 * kk + 1][3])};
      for (int pair = 0; pair < DV / 16; ++pair) {
        unsigned r[4];
        ldmatrix_x4_trans(r, &Vs[(kk * 16 + lane % 8 + 8 * ((lane / 8) % 2)) *
                                     (DV + 8) +
                                 pair * 16 + 8 * (lane / 16)]);
        const unsigned b0[2] = {r[0], r[1]}, b1[2] = {r[2], r[3]};
        attention_mma<Bf16>(o[2 * pair], p, b0);
        attention_mma<Bf16>(o[2 * pair + 1], p, b1);
      }
    }
    __syncthreads(); // this tile's buffers may be refilled
    unsigned short *k = Kcur, *v = Vcur;
    Kcur = Knext, Vcur = Vnext, Knext = k, Vnext = v;
  }
  // The full row sums: the quad's four shares.
  for (int r = 0; r < 2; ++r) {
    sum[r] += __shfl_xor_sync(0xffffffffu, sum[r], 1);
    sum[r] += __shfl_xor_sync(0xffffffffu, sum[r], 2);
  }
}

} // namespace kiln

#endif // KILN_ATTENTION_CUH
