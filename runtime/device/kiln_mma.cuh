//===- kiln_mma.cuh - Warp-level tensor-core matrix multiply-accumulate ---===//
//
// mma.sync.aligned.m16n8k16.row.col.f32.{bf16,f16}.{bf16,f16}.f32: the whole
// warp computes D (16x8, f32) = A (16x16) * B (16x8) + C (16x8, f32). Each
// lane holds a fragment; with groupID = lane >> 2 and tig = lane % 4
// (PTX ISA §9.7.14.5.8, docs/cuda-notes.md):
//
//   a[0..3]  A elements a0..a7, two per register, low half first:
//            row = groupID (+8 for a2, a3, a6, a7),
//            col = 2*tig + (i & 1) (+8 for a4..a7)
//   b[0..1]  B elements b0..b3: k = 2*tig + (i & 1) (+8 for b2, b3),
//            n = groupID
//   c, d     C / D elements c0..c3: row = groupID (+8 for c2, c3),
//            col = 2*tig + (i & 1)
//
// All 32 lanes must call it together (converged). `d` may alias `c`. The
// emulation (kiln_emu::mma_m16n8k16) adds the exact products to C in f32 in
// increasing k; the hardware's summation order is unspecified.
//
// mma.sync.aligned.m16n8k8.row.col.f32.tf32.tf32.f32 (TF32 tensor cores
// for f32 GEMMs, §9.7.14.5.7): D (16x8, f32) = A (16x8) * B (8x8) + C, one
// 32-bit TF32 value per register:
//
//   a[0..3]  row = groupID (+8 for a1, a3), col = tig (+4 for a2, a3)
//   b[0..1]  k = tig (+4 for b1), n = groupID
//   c, d     as above
//
// Operands are f32 bit patterns rounded with to_tf32 (cvt.rna.tf32.f32):
// the tensor core reads only their top 19 bits (sign, exponent, 10 mantissa
// bits) and ignores the low 13, which is why ptxas lowers the cvt to an add
// of half a TF32 ulp to finite values without clearing them.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_MMA_CUH
#define KILN_MMA_CUH

#include "kiln_prelude.cuh"

namespace kiln {

/// D = A * B + C with bf16 A and B (fragments as above).
KILN_DEVICE_INLINE void mma_m16n8k16_bf16(float d[4], const unsigned a[4],
                                          const unsigned b[2],
                                          const float c[4]) {
#if defined(KILN_EMU)
  ::kiln_emu::mma_m16n8k16(/*bf16=*/true, d, a, b, c);
#else
  asm volatile("mma.sync.aligned.m16n8k16.row.col.f32.bf16.bf16.f32 "
               "{%0, %1, %2, %3}, {%4, %5, %6, %7}, {%8, %9}, "
               "{%10, %11, %12, %13};\n"
               : "=f"(d[0]), "=f"(d[1]), "=f"(d[2]), "=f"(d[3])
               : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "r"(b[0]),
                 "r"(b[1]), "f"(c[0]), "f"(c[1]), "f"(c[2]), "f"(c[3]));
#endif
}

/// D = A * B + C with f16 A and B (fragments as above).
KILN_DEVICE_INLINE void mma_m16n8k16_f16(float d[4], const unsigned a[4],
                                         const unsigned b[2],
                                         const float c[4]) {
#if defined(KILN_EMU)
  ::kiln_emu::mma_m16n8k16(/*bf16=*/false, d, a, b, c);
#else
  asm volatile("mma.sync.aligned.m16n8k16.row.col.f32.f16.f16.f32 "
               "{%0, %1, %2, %3}, {%4, %5, %6, %7}, {%8, %9}, "
               "{%10, %11, %12, %13};\n"
               : "=f"(d[0]), "=f"(d[1]), "=f"(d[2]), "=f"(d[3])
               : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "r"(b[0]),
                 "r"(b[1]), "f"(c[0]), "f"(c[1]), "f"(c[2]), "f"(c[3]));
#endif
}

/// `x` rounded to TF32 to nearest, ties away from zero (cvt.rna.tf32.f32),
/// as a .tf32 mma operand reads it. ptxas makes it two instructions: half a
/// TF32 ulp (bit 12) added to a finite value's bits, the low 13 bits left
/// for the tensor core to drop; infinities and NaNs pass unchanged (an add
/// would carry CUDA's NaN, 0x7fffffff, into the sign bit: -0).
KILN_DEVICE_INLINE unsigned to_tf32(float x) {
#if defined(KILN_EMU)
  return ::kiln_emu::cvt_rna_tf32(x);
#else
  unsigned r;
  asm("cvt.rna.tf32.f32 %0, %1;\n" : "=r"(r) : "f"(x));
  return r;
#endif
}

/// D = A * B + C with TF32 A and B (fragments as above).
KILN_DEVICE_INLINE void mma_m16n8k8_tf32(float d[4], const unsigned a[4],
                                         const unsigned b[2],
                                         const float c[4]) {
#if defined(KILN_EMU)
  ::kiln_emu::mma_m16n8k8_tf32(d, a, b, c);
#else
  asm volatile("mma.sync.aligned.m16n8k8.row.col.f32.tf32.tf32.f32 "
               "{%0, %1, %2, %3}, {%4, %5, %6, %7}, {%8, %9}, "
               "{%10, %11, %12, %13};\n"
               : "=f"(d[0]), "=f"(d[1]), "=f"(d[2]), "=f"(d[3])
               : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "r"(b[0]),
                 "r"(b[1]), "f"(c[0]), "f"(c[1]), "f"(c[2]), "f"(c[3]));
#endif
}

} // namespace kiln

#endif // KILN_MMA_CUH
