//===- kiln_qmatmul.cuh - device code of the qmatmul family ---------------===//
//
// Reading block-quantized weights (codegen/lib/QmatmulEmitter.cpp): int4
// codes are stored two per byte, low nibble first in linear order, and
// sign-extended from 4 bits. The tiled qmatmul kernels on tensor cores run
// kiln_gemm.cuh's cp.async pipeline with QuantizedSlabs (16-byte loads of
// codes, dequantized in registers); the other tiles run kiln_gemm.cuh's
// gather tiles over a weight function that dequantizes as it reads.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_QMATMUL_CUH
#define KILN_QMATMUL_CUH

#include "kiln_gemm.cuh"
#include "kiln_pointwise.cuh"

namespace kiln {

/// Element e of int4 codes packed two per byte (low nibble first), as a
/// float in [-8, 7].
KILN_DEVICE_INLINE float int4_at(const int8_t *packed, int64_t e) {
  const int byte = static_cast<unsigned char>(packed[e >> 1]);
  const int nibble = (e & 1) ? (byte >> 4) : (byte & 0xF);
  return static_cast<float>(nibble >= 8 ? nibble - 16 : nibble);
}

/// `lo` and `hi` rounded to bf16 (`Bf16`) or f16, as one word (lo in the
/// low half): one conversion instruction for the pair on the GPU.
template <bool Bf16> KILN_DEVICE_INLINE unsigned pack_halves(float lo, float hi) {
#if defined(KILN_EMU)
  return Bf16 ? __bfloat16_as_ushort(__float2bfloat16_rn(lo)) |
                    (unsigned(__bfloat16_as_ushort(__float2bfloat16_rn(hi))) << 16)
              : __half_as_ushort(__float2half_rn(lo)) |
                    (unsigned(__half_as_ushort(__float2half_rn(hi))) << 16);
#else
  if (Bf16) {
    const __nv_bfloat162 v = __floats2bfloat162_rn(lo, hi);
    return *reinterpret_cast<const unsigned *>(&v);
  }
  const __half2 v = __floats2half2_rn(lo, hi);
  return *reinterpret_cast<const unsigned *>(&v);
#endif
}

/// Byte `b` of `biased` (a code plus its bias, 128 for int8 or 8 for a
/// nibble spread to a byte) as the float code, exactly: one byte
/// permutation places it in the mantissa of 2²³, one subtraction removes
/// 2²³ + bias. Cheaper than I2F, a quarter-rate conversion.
KILN_DEVICE_INLINE float biased_byte_to_float(unsigned biased, int b,
                                              float bias) {
  return __uint_as_float(__byte_perm(biased, 0x4B000000u, 0x7540u | b)) -
         (8388608.0f + bias);
}

/// 16 bytes at `p` (16-byte aligned) as four little-endian words.
KILN_DEVICE_INLINE void load_words(const int8_t *p, unsigned w[4]) {
#if defined(KILN_EMU)
  for (int i = 0; i < 4; ++i)
    w[i] = static_cast<unsigned char>(p[4 * i]) |
           (unsigned(static_cast<unsigned char>(p[4 * i + 1])) << 8) |
           (unsigned(static_cast<unsigned char>(p[4 * i + 2])) << 16) |
           (unsigned(static_cast<unsigned char>(p[4 * i + 3])) << 24);
#else
  const Vec<unsigned, 4> v = *reinterpret_cast<const Vec<unsigned, 4> *>(p);
  for (int i = 0; i < 4; ++i)
    w[i] = v.v[i];
#endif
}

/// Stores four words (eight 16-bit values, low half first) to 16 aligned
/// bytes of shared memory with one 16-byte store.
KILN_DEVICE_INLINE void store_shared_words(unsigned short *dst,
                                           const unsigned w[4]) {
#if defined(KILN_EMU)
  for (int i = 0; i < 4; ++i) {
    dst[2 * i] = static_cast<unsigned short>(w[i] & 0xFFFFu);
    dst[2 * i + 1] = static_cast<unsigned short>(w[i] >> 16);
  }
#else
  asm volatile("st.shared.v4.u32 [%0], {%1, %2, %3, %4};\n" ::"r"(
                   shared_address(dst)),
               "r"(w[0]), "r"(w[1]), "r"(w[2]), "r"(w[3])
               : "memory");
#endif
}

/// The K-slabs of a block-dequantizing GEMM on tensor cores, for
/// gemm_block_tile_slabs<Bf16, true, MFrags>: x · dequantize(q)ᵀ with x a
/// rows × K matrix of bf16 / f16 and q the N × K codes (a Linear weight):
/// int8, int4 one per byte, or int4 packed two per byte (`Packed`), f32
/// scales [N][K / bs]. `S` holds rows, n, k and bs as constants.
///
/// x's slab arrives by 16-byte cp.async like a plain matrix (RowChunks,
/// MFrags chunks per thread). The weight's 64 x 32 slab cannot: each code is
/// multiplied by its block's scale and rounded to x's type on the way.
/// Thread t dequantizes the 16 codes of row t / 2 in half t % 2 of the
/// slab's k: one 16-byte load holds them (int8, or int4 one per byte) or,
/// packed, holds the row's 32 codes, of which the thread takes its half (the
/// two threads of a row are neighbouring lanes loading the same 16 bytes,
/// one transaction); it dequantizes in registers and stores with 16-byte
/// shared stores. The loads run one slab ahead (a register double buffer): a call
/// stores the slab its predecessor loaded and loads the next, so the load
/// flies while the pipeline multiplies. Needs K a multiple of 32 (packed)
/// or 16, and bs a multiple of the codes per load (one scale per load).
/// A split-K block starts at column kBegin (a multiple of the 32-column
/// slab) and asks for as many slabs as its slice has.
template <typename S, bool Bf16, bool Packed, int MFrags = 2>
struct QuantizedSlabs {
  static constexpr int kCodes = 16; // codes a thread dequantizes per slab
  RowChunks<MFrags, int> xSlabs; // K + 64 < 2³¹ (vectorCodesFit)
  const int8_t *codes;  // this thread's codes in the next slab to load
  const float *scales;  // its row's scales
  bool bIn;             // this thread loads a row inside N
  // First code column of the next slab to load; unsigned, so that the
  // scale's kq / bs is a shift even when kq starts at a run-time kBegin.
  unsigned kq;
  unsigned held[4];     // the loaded codes of the next slab to store
  float scale;          // and their scale (0 past K or N)

  KILN_DEVICE_INLINE QuantizedSlabs(const unsigned short *x, const int8_t *q,
                                    const float *s, int64_t m0, int64_t n0,
                                    int kBegin = 0) {
    const int t = threadIdx.x;
    xSlabs.init(x, S::rows, S::k, m0, kBegin);
    const int64_t n = n0 + t / 2;
    bIn = n < S::n;
    // Packed: the load starts the row's slab.
    kq = static_cast<unsigned>(kBegin + (Packed ? 0 : (t % 2) * 16));
    codes = q + (bIn ? (n * S::k + kq) / (Packed ? 2 : 1) : 0);
    scales = s + (bIn ? n * (S::k / S::bs) : 0);
    fetch();
  }

  /// Loads the codes at kq (zeros past K or N).
  KILN_DEVICE_INLINE void fetch() {
    const bool ok = bIn && kq < unsigned(S::k);
    if (ok) {
      load_words(codes, held);
      scale = scales[kq / unsigned(S::bs)];
    } else {
      for (int i = 0; i < 4; ++i)
        held[i] = 0;
      scale = 0.0f;
    }
    codes += Packed ? kGemmTileK / 2 : kGemmTileK;
    kq += kGemmTileK;
  }

  /// Issues x's copies for the next slab, stores the weight slab loaded by
  /// the previous call, and loads the one after.
  KILN_DEVICE_INLINE void operator()(unsigned short *As, unsigned short *Bs) {
    const int t = threadIdx.x;
    xSlabs.copy(As);
    // code · scale, exactly as (float)code * scale, rounded to x's type.
    // Flipping the sign bit of a two's-complement byte (nibble) adds its
    // bias, 128 (8).
    unsigned w[kCodes / 2];
    if (Packed) { // low nibble first: byte b of word i holds codes 8i + 2b
                  // and 8i + 2b + 1; this thread's are words 2 (t % 2) + j
#pragma unroll
      for (int j = 0; j < 2; ++j) {
        // (A select, not held[2 (t % 2) + j]: a register array indexed at
        // run time lives in local memory.)
        const unsigned word = t % 2 ? held[2 + j] : held[j];
        const unsigned lo = (word & 0x0F0F0F0Fu) ^ 0x08080808u,
                       hi = ((word >> 4) & 0x0F0F0F0Fu) ^ 0x08080808u;
#pragma unroll
        for (int b = 0; b < 4; ++b)
          w[4 * j + b] =
              pack_halves<Bf16>(biased_byte_to_float(lo, b, 8.0f) * scale,
                                biased_byte_to_float(hi, b, 8.0f) * scale);
      }
    } else {
#pragma unroll
      for (int i = 0; i < 4; ++i) {
        const unsigned biased = held[i] ^ 0x80808080u;
#pragma unroll
        for (int b = 0; b < 4; b += 2)
          w[2 * i + b / 2] = pack_halves<Bf16>(
              biased_byte_to_float(biased, b, 128.0f) * scale,
              biased_byte_to_float(biased, b + 1, 128.0f) * scale);
      }
    }
    unsigned short *dst = &Bs[(t / 2) * kGemmPadK + (t % 2) * 16];
#pragma unroll
    for (int v = 0; v < kCodes / 8; ++v)
      store_shared_words(dst + 8 * v, &w[4 * v]);
    fetch();
  }
};

} // namespace kiln

#endif // KILN_QMATMUL_CUH
