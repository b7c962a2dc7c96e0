//===- kiln_emu_tensor.h - mma.sync, ldmatrix and cp.async ------------------===//
//
// Part of the cpu device's CUDA emulation (kiln_emu.h, which includes the
// parts in order after the standard headers; include that, not this).
// Warp-collective emulations of the device library's tensor-core and
// async-copy wrappers, with the fragment layouts of the PTX ISA
// (docs/cuda-notes.md): a layout misread here would be misread the same way
// by the kernels, so the conformance suite checks them against known
// answers.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_EMU_TENSOR_H
#define KILN_EMU_TENSOR_H

#ifndef KILN_EMU_H
#error "include kiln_emu.h, which includes this part in its place"
#endif

//===----------------------------------------------------------------------===//
// Tensor-core and async-copy emulations behind the device library
//===----------------------------------------------------------------------===//

namespace kiln_emu {

/// The rest of an m16n8kK mma once A and B are scattered: each lane's C
/// (slot bytes 24-39, the m16n8 C layout) gathered, D = A·B + C with the
/// products added to C in f32 in increasing k, and each lane's four D
/// elements written back.
template <unsigned K>
inline void mma_accumulate(Fiber *lanes, const float (&A)[16][K],
                           const float (&B)[K][8]) {
  float C[16][8];
  for (unsigned lane = 0; lane < 32; ++lane) {
    const unsigned group = lane >> 2, tig = lane & 3u;
    float c[4];
    memcpy(c, lanes[lane].slot.in + 24, 16);
    for (unsigned i = 0; i < 4; ++i) // C: c0..c3
      C[group + (i >= 2 ? 8 : 0)][tig * 2 + (i & 1u)] = c[i];
  }
  for (unsigned lane = 0; lane < 32; ++lane) {
    const unsigned group = lane >> 2, tig = lane & 3u;
    float d[4];
    for (unsigned i = 0; i < 4; ++i) {
      unsigned row = group + (i >= 2 ? 8 : 0), col = tig * 2 + (i & 1u);
      float acc = C[row][col];
      for (unsigned k = 0; k < K; ++k)
        acc += A[row][k] * B[k][col];
      d[i] = acc;
    }
    memcpy(lanes[lane].slot.out, d, 16);
  }
}

/// mma.sync.aligned.m16n8k16.row.col.f32.{bf16,f16}.{bf16,f16}.f32 for the
/// whole warp, with the fragment layouts of PTX ISA §9.7.14.5.8 (see
/// docs/cuda-notes.md). Each lane's A (4 regs), B (2 regs) and C
/// (4 floats) are scattered into full 16x16, 16x8 and 16x8 matrices, D is
/// computed, and each lane gets its four D elements back.
///
/// Numerics: the 16-bit products are exact in f32; they are added in f32 to
/// C in increasing k, rounding to nearest even after each addition. PTX does
/// not specify the hardware's summation order or internal precision, so sums
/// that are not exact in f32 may differ from the GPU in the last bits.
inline void execute_mma(Fiber *lanes, bool bf16) {
  float A[16][16], B[16][8];
  auto half = [bf16](unsigned reg, unsigned i) {
    uint16_t h = static_cast<uint16_t>(reg >> (16 * (i & 1u)));
    return bf16 ? fp::bf16_to_float(h) : fp::f16_to_float(h);
  };
  for (unsigned lane = 0; lane < 32; ++lane) {
    const unsigned group = lane >> 2, tig = lane & 3u;
    unsigned a[4], b[2];
    memcpy(a, lanes[lane].slot.in, 16);
    memcpy(b, lanes[lane].slot.in + 16, 8);
    for (unsigned i = 0; i < 8; ++i) { // A: a0..a7
      unsigned row = group + ((i == 2 || i == 3 || i == 6 || i == 7) ? 8 : 0);
      unsigned col = tig * 2 + (i & 1u) + (i >= 4 ? 8 : 0);
      A[row][col] = half(a[i / 2], i);
    }
    for (unsigned i = 0; i < 4; ++i) { // B: b0..b3
      unsigned k = tig * 2 + (i & 1u) + (i >= 2 ? 8 : 0);
      B[k][group] = half(b[i / 2], i);
    }
  }
  mma_accumulate(lanes, A, B);
}

/// The TF32 value an operand register of a .tf32 mma holds: the hardware
/// reads only the sign, the exponent and the top 10 mantissa bits, so the
/// low 13 bits are dropped (truncation). Kiln's kernels round first
/// (cvt_rna_tf32) and leave those bits for the tensor core to drop.
inline float tf32_operand(unsigned bits) {
  return __uint_as_float(bits & 0xffffe000u);
}

/// mma.sync.aligned.m16n8k8.row.col.f32.tf32.tf32.f32 for the whole warp,
/// with the fragment layouts of PTX ISA §9.7.14.5.7 (docs/cuda-notes.md):
/// A (16x8) a0..a3 at row groupID (+8 for a1, a3), column threadID_in_group
/// (+4 for a2, a3); B (8x8) b0, b1 at k = threadID_in_group (+4 for b1),
/// column groupID; C and D as for m16n8k16.
///
/// Numerics: products of two TF32 values (11 significant bits each) are
/// exact in f32; they are added in f32 to C in increasing k, as
/// execute_mma does.
inline void execute_mma_tf32(Fiber *lanes) {
  float A[16][8], B[8][8];
  for (unsigned lane = 0; lane < 32; ++lane) {
    const unsigned group = lane >> 2, tig = lane & 3u;
    unsigned a[4], b[2];
    memcpy(a, lanes[lane].slot.in, 16);
    memcpy(b, lanes[lane].slot.in + 16, 8);
    for (unsigned i = 0; i < 4; ++i)
      A[group + 8 * (i & 1u)][tig + 4 * (i >> 1)] = tf32_operand(a[i]);
    for (unsigned i = 0; i < 2; ++i)
      B[tig + 4 * i][group] = tf32_operand(b[i]);
  }
  mma_accumulate(lanes, A, B);
}

/// ldmatrix.sync.aligned.m8n8.{x1,x2,x4}{,.trans}.shared.b16 for the whole
/// warp: lanes 8j..8j+7 give the row addresses of matrix j (16 contiguous
/// bytes each); register j of lane l receives row l/4, columns 2(l%4) and
/// 2(l%4)+1 of matrix j (of its transpose for .trans), low half first.
inline void execute_ldmatrix(Fiber *lanes, unsigned count, bool trans) {
  const unsigned char *rows[32];
  for (unsigned l = 0; l < 8 * count; ++l) {
    memcpy(&rows[l], lanes[l].slot.in, sizeof rows[l]);
    if (reinterpret_cast<uintptr_t>(rows[l]) % 16 != 0)
      fail("ldmatrix: row address %p of lane %u (matrix %u, row %u) is not "
           "16-byte aligned",
           static_cast<const void *>(rows[l]), l, l / 8, l % 8);
  }
  auto element = [&](unsigned matrix, unsigned row, unsigned col) {
    uint16_t v;
    memcpy(&v, rows[matrix * 8 + row] + 2 * col, 2);
    return static_cast<unsigned>(v);
  };
  for (unsigned lane = 0; lane < 32; ++lane) {
    unsigned r[4] = {0, 0, 0, 0};
    const unsigned row = lane / 4, col = 2 * (lane % 4);
    for (unsigned j = 0; j < count; ++j)
      r[j] = trans ? element(j, col, row) | element(j, col + 1, row) << 16
                   : element(j, row, col) | element(j, row, col + 1) << 16;
    memcpy(lanes[lane].slot.out, r, 16);
  }
}

/// One lane's part of an mma collective `op`: its A (4 registers), B (2)
/// and C (4 floats) in, its D out.
inline void mma_collective(Op op, float d[4], const unsigned a[4],
                           const unsigned b[2], const float c[4]) {
  Slot &s = begin_collective(op, 0xffffffffu, 40);
  memcpy(s.in, a, 16);
  memcpy(s.in + 16, b, 8);
  memcpy(s.in + 24, c, 16);
  warp_collective();
  memcpy(d, gFiber->slot.out, 16);
}

inline void mma_m16n8k16(bool bf16, float d[4], const unsigned a[4],
                         const unsigned b[2], const float c[4]) {
  mma_collective(bf16 ? Op::MmaBf16 : Op::MmaF16, d, a, b, c);
}

inline void mma_m16n8k8_tf32(float d[4], const unsigned a[4],
                             const unsigned b[2], const float c[4]) {
  mma_collective(Op::MmaTf32, d, a, b, c);
}

/// cvt.rna.tf32.f32 as ptxas lowers it for sm_80 and sm_90: a finite
/// value's bits plus half a TF32 ulp (bit 12), so that the top 19 bits are
/// `x` rounded to nearest with ties away from zero (past the largest TF32:
/// infinity); the low 13 bits are left as the add makes them, for the
/// tensor core to drop. Infinities and NaNs pass unchanged.
inline unsigned cvt_rna_tf32(float x) {
  const unsigned bits = __float_as_uint(x);
  return (bits & 0x7f800000u) == 0x7f800000u ? bits : bits + 0x1000u;
}

/// `count` (1, 2 or 4) registers into r[0..count).
inline void ldmatrix(unsigned count, bool trans, unsigned *r,
                     const void *rowAddress) {
  static const Op ops[2][5] = {
      {Op::Ldm1, Op::Ldm1, Op::Ldm2, Op::Ldm4, Op::Ldm4},
      {Op::Ldm1T, Op::Ldm1T, Op::Ldm2T, Op::Ldm4T, Op::Ldm4T}};
  Slot &s = begin_collective(ops[trans][count], 0xffffffffu, 8);
  memcpy(s.in, &rowAddress, sizeof rowAddress);
  warp_collective();
  memcpy(r, gFiber->slot.out, 4 * count);
}

/// Completes the running thread's oldest pending cp.async copies while `keep`
/// says an entry is still allowed to be in flight.
template <class Keep> inline void complete_copies(Fiber &f, Keep keep) {
  unsigned kept = 0;
  for (unsigned i = 0; i < f.numPending; ++i) {
    PendingCopy &p = f.pending[i];
    if (keep(p))
      f.pending[kept++] = p;
    else
      memcpy(p.dst, p.data, p.bytes);
  }
  f.numPending = kept;
}

/// cp.async of `bytes` (4, 8 or 16) with `srcBytes` <= bytes read from `src`
/// and the rest zero-filled. The source is read now; the destination is
/// written only when a cp.async.wait_group / wait_all covers the copy, the
/// latest moment the hardware allows, so a kernel that reads its shared
/// memory before waiting sees the old contents here too.
inline void cp_async(void *dst, const void *src, unsigned bytes,
                     unsigned srcBytes) {
  if (reinterpret_cast<uintptr_t>(dst) % bytes != 0 ||
      (srcBytes != 0 && reinterpret_cast<uintptr_t>(src) % bytes != 0))
    fail("cp.async of %u bytes: addresses %p (shared) and %p (global) must be "
         "%u-byte aligned",
         bytes, dst, src, bytes);
  if (srcBytes > bytes)
    fail("cp.async: src-size %u exceeds cp-size %u", srcBytes, bytes);
  Fiber &f = *gFiber;
  if (f.numPending == kMaxPendingCopies) { // the hardware may finish early too
    memcpy(f.pending[0].dst, f.pending[0].data, f.pending[0].bytes);
    memmove(f.pending, f.pending + 1,
            (kMaxPendingCopies - 1) * sizeof(PendingCopy));
    --f.numPending;
  }
  PendingCopy &p = f.pending[f.numPending++];
  p.dst = dst;
  p.bytes = bytes;
  p.group = f.cpGroup;
  memset(p.data, 0, sizeof p.data);
  if (srcBytes)
    memcpy(p.data, src, srcBytes);
}

/// cp.async.commit_group: closes the open group (possibly empty).
inline void cp_async_commit() { ++gFiber->cpGroup; }

/// cp.async.wait_group n: all but the newest n committed groups complete.
inline void cp_async_wait(unsigned n) {
  Fiber &f = *gFiber;
  const unsigned open = f.cpGroup;
  complete_copies(f, [&](const PendingCopy &p) {
    return p.group == open || open - p.group <= n;
  });
}

/// cp.async.wait_all: commit_group then wait_group 0.
inline void cp_async_wait_all() {
  cp_async_commit();
  cp_async_wait(0);
}

/// The launch's dynamic shared memory (128-byte aligned, filled with 0xff
/// bytes at the start of every block so that reading it unwritten shows).
inline void *dynamic_shared() { return gLaunch->dynShared; }

} // namespace kiln_emu

#endif // KILN_EMU_TENSOR_H
