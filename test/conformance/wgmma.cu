//===- wgmma.cu - Conformance: wgmma.mma_async with shared-memory layouts -===//
//
// One warpgroup multiplies a 64 × K A by a K × N B (N = 64, 128) with
// wgmma, the operands laid out in dynamic shared memory by this file's own
// description of the swizzled layouts (the 16-byte chunk of row r within
// its 8-row atom XORed with a function of r: r % 8 for 128-byte rows,
// (r % 8) / 2 for 64, (r % 8) / 4 for 32; unswizzled: 8 × 8 core matrices)
// rather than by the address-bit XOR the descriptors encode, so the
// emulator's decoding and this layout cannot share a mistake.
// run_wgmma.cpp checks D against a host product of small integers (exact).
//
// Cases: every swizzle with A and B K-major (K = 16); 128-byte rows holding
// 64 k, stepped through K = 32 by advancing the descriptors' start by 32
// bytes (the second wgmma accumulating); B MN-major (transposed); and A
// from registers (the mma.sync A fragment per warp; each step waited for
// before the next rewrites the registers, which the mma reads
// asynchronously).
//
//===----------------------------------------------------------------------===//

#include "kiln_device.cuh"
#include "kiln_hopper_sync.cuh"
#include "kiln_wgmma.cuh"

/// Byte offset of element (r, k) of a K-major operand in this file's
/// layouts: `mode` 0 (8 × 8 core matrices: 16-byte rows, the k halves 128
/// bytes apart, 8-row groups 256 apart; K = 16 only), or a swizzle of
/// `width` bytes per row holding width / 2 k (8-row atoms of 8 · width
/// bytes, the 16-byte chunk XORed with the row's pattern).
KILN_DEVICE_INLINE unsigned conf_k_major_offset(unsigned mode, unsigned r,
                                                unsigned k) {
  if (mode == 0)
    return (r / 8) * 256 + (k / 8) * 128 + (r % 8) * 16 + (k % 8) * 2;
  const unsigned width = mode == 1 ? 128 : mode == 2 ? 64 : 32;
  const unsigned pattern = mode == 1 ? r % 8 : mode == 2 ? (r % 8) / 2 : (r % 8) / 4;
  const unsigned chunk = (2 * k) / 16;
  return (r / 8) * 8 * width + (r % 8) * width + ((chunk ^ pattern) * 16) +
         (2 * k) % 16;
}

/// The descriptor of conf_k_major_offset's layout at `base`.
KILN_DEVICE_INLINE uint64_t conf_k_major_descriptor(const void *base,
                                                    unsigned mode) {
  const unsigned width = mode == 1 ? 128 : mode == 2 ? 64 : 32;
  return mode == 0
             ? kiln::wgmma_descriptor(base, 128, 256, kiln::WgmmaSwizzle::None)
             : kiln::wgmma_descriptor(base, 16, 8 * width,
                                      static_cast<kiln::WgmmaSwizzle>(mode));
}

/// How a case feeds the mma: A and B K-major by descriptor, B MN-major, or
/// A from registers. Compile-time, so that every wgmma of a kernel is on
/// the warpgroup's one path (ptxas serializes them otherwise).
enum ConfWgmmaKind { kConfKMajor, kConfTransB, kConfARegs };

/// Case `c` of run_wgmma.cpp: A 64 × K row-major, B N × K row-major (its
/// K-major form), out the 64 × N product, row-major. 128 threads.
template <int N, int Kind, int K>
KILN_DEVICE_INLINE void conf_wgmma(const unsigned short *A,
                                   const unsigned short *B, float *out,
                                   int mode) {
  KILN_DYNAMIC_SHARED(unsigned char, smem);
  // A at 0, B at 16 KiB (both 1024-aligned, as the swizzles need; the
  // kernel has no static shared memory before the dynamic).
  unsigned char *As = smem, *Bs = smem + 16384;
  const int t = threadIdx.x;
#if !defined(KILN_EMU)
  if (kiln::shared_address(smem) & 1023)
    __trap();
#endif
  if (mode == 0 && K > 16) // the core-matrix layout here holds 16 k
    __trap();
  for (int i = t; i < 64 * K; i += 128) {
    const int r = i / K, k = i % K;
    memcpy(As + conf_k_major_offset(mode, r, k), &A[i], 2);
  }
  for (int i = t; i < N * K; i += 128) {
    const int n = i / K, k = i % K;
    unsigned at;
    if (Kind != kConfTransB) {
      at = conf_k_major_offset(mode, n, k);
    } else {
      // MN-major, 128-byte rows of 64 n per k (8-k atoms 1024 bytes apart,
      // 64-n blocks 8 KiB apart), the chunk of n XORed with k % 8.
      at = (n / 64) * 8192 + (k / 8) * 1024 + (k % 8) * 128 +
           ((((n % 64) / 8) ^ (k % 8)) * 16) + (n % 8) * 2;
    }
    memcpy(Bs + at, &B[i], 2);
  }
  kiln::fence_proxy_async();
  __syncthreads();

  float d[N / 2];
  for (int i = 0; i < N / 2; ++i)
    d[i] = 0.0f;
  const int w = t / 32, g = (t % 32) / 4, q = t % 4;
  kiln::wgmma_fence_operand(d);
  kiln::wgmma_fence();
  for (int k0 = 0; k0 < K; k0 += 16) {
    // Within a swizzled row, the next 16 k start 32 bytes on.
    const int step = mode == 0 ? 0 : 2 * k0;
    const uint64_t descA = conf_k_major_descriptor(As + step, mode);
    if (Kind == kConfKMajor) {
      kiln::wgmma_ss<N, true>(d, descA, conf_k_major_descriptor(Bs + step, mode),
                              k0 > 0);
    } else if (Kind == kConfTransB) {
      // MN-major B: 64-n blocks 8 KiB apart (the leading offset), 8-k
      // atoms 1 KiB apart (the stride), the next 16 k two atoms on.
      kiln::wgmma_ss<N, true, false, true>(
          d, descA,
          kiln::wgmma_descriptor(Bs + (k0 / 16) * 2048, 8192, 1024,
                                 kiln::WgmmaSwizzle::B128),
          k0 > 0);
    } else {
      // The mma.sync A fragment of rows 16 w … of this k step.
      unsigned a[4];
      for (int j = 0; j < 4; ++j) {
        const int row = 16 * w + g + 8 * (j & 1), k = k0 + 2 * q + 8 * (j >> 1);
        a[j] = unsigned(A[row * K + k]) | (unsigned(A[row * K + k + 1]) << 16);
      }
      kiln::wgmma_fence(); // a was just written
      kiln::wgmma_rs<N, true>(d, a, conf_k_major_descriptor(Bs + step, mode),
                              k0 > 0);
      // The mma reads a asynchronously: the next step may rewrite it only
      // once this one has been waited for.
      kiln::wgmma_commit_group();
      kiln::wgmma_wait_group<0>();
    }
  }
  kiln::wgmma_commit_group();
  kiln::wgmma_wait_group<0>();
  kiln::wgmma_fence_operand(d);
  for (int i = 0; i < N / 2; ++i) {
    const int row = 16 * w + g + 8 * ((i >> 1) & 1), col = 8 * (i >> 2) + 2 * q + (i & 1);
    out[row * N + col] = d[i];
  }
}

#define CONF_WGMMA_KERNEL(name, n, kind)                                       \
  extern "C" __global__ void __launch_bounds__(128)                            \
      name(const unsigned short *A, const unsigned short *B, float *out,       \
           int mode, int K) {                                                  \
    if (K == 16)                                                               \
      conf_wgmma<n, kind, 16>(A, B, out, mode);                                \
    else                                                                       \
      conf_wgmma<n, kind, 32>(A, B, out, mode);                                \
  }                                                                            \
  KILN_EXPORT_KERNEL(name)

CONF_WGMMA_KERNEL(conf_wgmma_n64, 64, kConfKMajor)
CONF_WGMMA_KERNEL(conf_wgmma_n128, 128, kConfKMajor)
CONF_WGMMA_KERNEL(conf_wgmma_n64_trans_b, 64, kConfTransB)
CONF_WGMMA_KERNEL(conf_wgmma_n128_trans_b, 128, kConfTransB)
CONF_WGMMA_KERNEL(conf_wgmma_n64_a_regs, 64, kConfARegs)
