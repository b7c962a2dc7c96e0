//===- kiln_ldmatrix.cuh - Warp-level 8x8 matrix loads from shared memory -===//
//
// ldmatrix.sync.aligned.m8n8.{x1,x2,x4}{,.trans}.shared.b16: the warp loads
// one, two or four 8x8 matrices of 16-bit elements. Lane l passes the address
// of one row (16 contiguous bytes, 16-byte aligned, in shared memory): lanes
// 0-7 the rows of matrix 0, 8-15 of matrix 1, 16-23 of matrix 2, 24-31 of
// matrix 3 (x1 reads lanes 0-7 only, x2 lanes 0-15; the others' addresses are
// ignored but must be passed). Register j of lane l receives row l/4, columns
// 2*(l%4) and 2*(l%4)+1 of matrix j, low half first; `_trans` delivers the
// transposed matrix. For the mma fragments of kiln_mma.cuh:
//
//   A (16x16 row-major):   ldmatrix_x4 with lane l at &A[l % 16][8 * (l / 16)]
//   B stored K x N:        ldmatrix_x2_trans with lane l at &B[l % 16][0]
//   B stored N x K ("col"): ldmatrix_x2 with lane l at &Bt[l % 8][8 * (l / 8)]
//
// All 32 lanes must call it together (converged).
//
//===----------------------------------------------------------------------===//

#ifndef KILN_LDMATRIX_CUH
#define KILN_LDMATRIX_CUH

#include "kiln_prelude.cuh"

namespace kiln {

/// One 8x8 matrix into r[0].
KILN_DEVICE_INLINE void ldmatrix_x1(unsigned r[1],
                                    const void *smem_row_address) {
#if defined(KILN_EMU)
  ::kiln_emu::ldmatrix(1, /*trans=*/false, r, smem_row_address);
#else
  asm volatile("ldmatrix.sync.aligned.m8n8.x1.shared.b16 {%0}, [%1];\n"
               : "=r"(r[0])
               : "r"(shared_address(smem_row_address)));
#endif
}

/// Two 8x8 matrices into r[0..1].
KILN_DEVICE_INLINE void ldmatrix_x2(unsigned r[2],
                                    const void *smem_row_address) {
#if defined(KILN_EMU)
  ::kiln_emu::ldmatrix(2, /*trans=*/false, r, smem_row_address);
#else
  asm volatile("ldmatrix.sync.aligned.m8n8.x2.shared.b16 {%0, %1}, [%2];\n"
               : "=r"(r[0]), "=r"(r[1])
               : "r"(shared_address(smem_row_address)));
#endif
}

/// Four 8x8 matrices into r[0..3].
KILN_DEVICE_INLINE void ldmatrix_x4(unsigned r[4],
                                    const void *smem_row_address) {
#if defined(KILN_EMU)
  ::kiln_emu::ldmatrix(4, /*trans=*/false, r, smem_row_address);
#else
  asm volatile(
      "ldmatrix.sync.aligned.m8n8.x4.shared.b16 {%0, %1, %2, %3}, [%4];\n"
      : "=r"(r[0]), "=r"(r[1]), "=r"(r[2]), "=r"(r[3])
      : "r"(shared_address(smem_row_address)));
#endif
}

/// One transposed 8x8 matrix into r[0].
KILN_DEVICE_INLINE void ldmatrix_x1_trans(unsigned r[1],
                                          const void *smem_row_address) {
#if defined(KILN_EMU)
  ::kiln_emu::ldmatrix(1, /*trans=*/true, r, smem_row_address);
#else
  asm volatile("ldmatrix.sync.aligned.m8n8.x1.trans.shared.b16 {%0}, [%1];\n"
               : "=r"(r[0])
               : "r"(shared_address(smem_row_address)));
#endif
}

/// Two transposed 8x8 matrices into r[0..1].
KILN_DEVICE_INLINE void ldmatrix_x2_trans(unsigned r[2],
                                          const void *smem_row_address) {
#if defined(KILN_EMU)
  ::kiln_emu::ldmatrix(2, /*trans=*/true, r, smem_row_address);
#else
  asm volatile(
      "ldmatrix.sync.aligned.m8n8.x2.trans.shared.b16 {%0, %1}, [%2];\n"
      : "=r"(r[0]), "=r"(r[1])
      : "r"(shared_address(smem_row_address)));
#endif
}

/// Four transposed 8x8 matrices into r[0..3].
KILN_DEVICE_INLINE void ldmatrix_x4_trans(unsigned r[4],
                                          const void *smem_row_address) {
#if defined(KILN_EMU)
  ::kiln_emu::ldmatrix(4, /*trans=*/true, r, smem_row_address);
#else
  asm volatile(
      "ldmatrix.sync.aligned.m8n8.x4.trans.shared.b16 {%0, %1, %2, %3}, [%4];\n"
      : "=r"(r[0]), "=r"(r[1]), "=r"(r[2]), "=r"(r[3])
      : "r"(shared_address(smem_row_address)));
#endif
}

} // namespace kiln

#endif // KILN_LDMATRIX_CUH
