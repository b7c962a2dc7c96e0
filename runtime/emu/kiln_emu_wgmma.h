//===- kiln_emu_wgmma.h - sm_90a warpgroup MMA (wgmma.mma_async) -----------===//
//
// Part of the cpu device's CUDA emulation (kiln_emu.h, which includes the
// parts in order after the standard headers; include that, not this).
// wgmma as the PTX ISA defines it (docs/cuda-notes.md): a collective of the
// 128 threads of a warpgroup (four consecutive warps from a multiple of 4)
// computing D (64 × N, f32) = A (64 × 16) · B (16 × N) + (accumulate ? D :
// 0), A and B read from shared memory through 64-bit matrix descriptors
// (start address, leading and stride byte offsets, swizzle none / 32 / 64 /
// 128 B), or A from registers.
//
// Asynchrony is modelled at its latest: mma_async only records the
// operation (each thread's accumulator and A-register addresses and the
// descriptors); commit_group closes a group; wait_group N executes every
// group but the N newest, reading the operands and writing the
// accumulators then. A kernel that reads D before the wait sees the old
// values, and one that overwrites its operands before the wait multiplies
// the new ones: wrong results, not lucky ones.
//
// Descriptors address the shared window; here that is the dynamic shared
// memory (KILN_DYNAMIC_SHARED), 1024-byte aligned so the swizzles' address
// bits agree with the GPU's.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_EMU_WGMMA_H
#define KILN_EMU_WGMMA_H

#ifndef KILN_EMU_H
#error "include kiln_emu.h, which includes this part in its place"
#endif

namespace kiln_emu {

//===----------------------------------------------------------------------===//
// Matrix descriptors
//===----------------------------------------------------------------------===//

/// The descriptor's swizzle field (bits 62-63).
enum class WgmmaSwizzle : unsigned { None = 0, B128 = 1, B64 = 2, B32 = 3 };

inline unsigned swizzle_bytes(unsigned mode) {
  return mode == 1 ? 128 : mode == 2 ? 64 : mode == 3 ? 32 : 0;
}

/// The descriptor of the matrix at `p` (in dynamic shared memory), with
/// leading and stride byte offsets and a swizzle mode, each field encoded
/// as (x & 0x3FFFF) >> 4.
inline uint64_t wgmma_descriptor(const void *p, unsigned leadingBytes,
                                 unsigned strideBytes, unsigned swizzle) {
  Launch &L = *gLaunch;
  const unsigned char *at = static_cast<const unsigned char *>(p);
  if (at < L.dynShared || at >= L.dynShared + L.dynSharedBytes)
    fail("wgmma descriptor: %p is not in the block's dynamic shared memory "
         "(wgmma operands live there: KILN_DYNAMIC_SHARED)",
         p);
  const size_t offset = static_cast<size_t>(at - L.dynShared);
  if (offset % 16 || leadingBytes % 16 || strideBytes % 16 ||
      offset >= (1u << 18) || leadingBytes >= (1u << 18) ||
      strideBytes >= (1u << 18) || swizzle > 3)
    fail("wgmma descriptor: start %zu, leading %u and stride %u bytes must "
         "be multiples of 16 below 2^18, swizzle 0-3 (got %u)",
         offset, leadingBytes, strideBytes, swizzle);
  return (offset >> 4) | (uint64_t(leadingBytes >> 4) << 16) |
         (uint64_t(strideBytes >> 4) << 32) | (uint64_t(swizzle) << 62);
}

/// Byte offset in the shared window of element (row, k) of a 16-bit
/// operand (row: M of A, N of B) described by `desc`, K-major or, with
/// `mnMajor`, transposed: the canonical layouts of 8-row × 16-byte core
/// matrices, then the swizzle's XOR of address bits [4, 4 + b) with
/// [7, 7 + b) (b = 3, 2, 1 for 128, 64, 32 B).
inline uint32_t wgmma_offset(uint64_t desc, unsigned row, unsigned k,
                             bool mnMajor) {
  // Reserved bits, and the base offset Kiln's descriptors leave 0 (their
  // patterns start aligned), are not modelled: refuse them.
  if (desc & 0x3FFFC000C000C000ull)
    fail("wgmma descriptor 0x%016llx sets reserved bits or a base offset "
         "(bits 14-15, 30-31, 46-61), which the emulation does not model",
         static_cast<unsigned long long>(desc));
  const uint32_t start = uint32_t(desc & 0x3FFF) << 4,
                 lbo = uint32_t((desc >> 16) & 0x3FFF) << 4,
                 sbo = uint32_t((desc >> 32) & 0x3FFF) << 4;
  const unsigned mode = unsigned(desc >> 62), W = swizzle_bytes(mode);
  uint32_t at;
  if (!mnMajor)
    at = W == 0 ? start + (row % 8) * 16 + (row / 8) * sbo + (k % 8) * 2 +
                      (k / 8) * lbo
                : start + (row % 8) * W + (row / 8) * sbo + 2 * k;
  else
    at = W == 0 ? start + (row % 8) * 2 + (row / 8) * sbo + (k % 8) * 16 +
                      (k / 8) * lbo
                : start + (row % (W / 2)) * 2 + (row / (W / 2)) * lbo +
                      (k % 8) * W + (k / 8) * sbo;
  const unsigned bits = mode == 1 ? 3 : mode == 2 ? 2 : mode == 3 ? 1 : 0;
  const uint32_t mask = (1u << bits) - 1;
  return at ^ (((at >> 7) & mask) << 4);
}

//===----------------------------------------------------------------------===//
// The warpgroup collective and its asynchronous groups
//===----------------------------------------------------------------------===//

inline const char *wgmma_kind_name(WgmmaKind kind) {
  switch (kind) {
  case WgmmaKind::Fence:
    return "wgmma.fence";
  case WgmmaKind::Mma:
    return "wgmma.mma_async";
  case WgmmaKind::Commit:
    return "wgmma.commit_group";
  case WgmmaKind::Wait:
    return "wgmma.wait_group";
  }
  return "wgmma";
}

/// Computes one recorded mma_async: reads A and B (shared memory or the
/// threads' registers) and each thread's accumulators, writes D.
inline void execute_wgmma(const WgmmaOp &op) {
  Launch &L = *gLaunch;
  auto element = [&](uint64_t desc, unsigned row, unsigned k, bool mnMajor) {
    const uint32_t at = wgmma_offset(desc, row, k, mnMajor);
    if (at + 2 > L.dynSharedBytes)
      fail("wgmma.mma_async: element (%u, %u) at shared offset %u is past "
           "the block's %zu bytes of dynamic shared memory",
           row, k, at, L.dynSharedBytes);
    uint16_t bits;
    memcpy(&bits, L.dynShared + at, 2);
    return op.bf16 ? fp::bf16_to_float(bits) : fp::f16_to_float(bits);
  };
  // Launches of a module are serialized: one buffer serves them all (a
  // fiber's stack is too small for it).
  static float a[64][16], b[256][16];
  for (unsigned m = 0; m < 64; ++m)
    for (unsigned k = 0; k < 16; ++k)
      a[m][k] = op.aRegs ? 0.0f : element(op.descA, m, k, op.transA);
  if (op.aRegs) // the register fragments: thread (warp w, lane 4g + q)
    for (unsigned t = 0; t < 128; ++t) {
      const unsigned r0 = 16 * (t / 32) + (t % 32) / 4, q = t % 4;
      for (unsigned j = 0; j < 4; ++j) {
        const unsigned row = r0 + 8 * (j & 1), k = 2 * q + 8 * (j >> 1);
        const unsigned word = op.a[t][j];
        const uint16_t lo = uint16_t(word & 0xffff), hi = uint16_t(word >> 16);
        a[row][k] = op.bf16 ? fp::bf16_to_float(lo) : fp::f16_to_float(lo);
        a[row][k + 1] = op.bf16 ? fp::bf16_to_float(hi) : fp::f16_to_float(hi);
      }
    }
  for (unsigned n = 0; n < op.n; ++n)
    for (unsigned k = 0; k < 16; ++k)
      b[n][k] = element(op.descB, n, k, op.transB);
  // Thread t's register i holds D(16 w + g + 8 ((i >> 1) & 1),
  // 8 (i >> 2) + 2 q + (i & 1)). Products are exact in f32; they are added
  // in increasing k, rounding after each step.
  for (unsigned t = 0; t < 128; ++t) {
    const unsigned w = t / 32, g = (t % 32) / 4, q = t % 4;
    for (unsigned i = 0; i < op.n / 2; ++i) {
      const unsigned row = 16 * w + g + 8 * ((i >> 1) & 1),
                     col = 8 * (i >> 2) + 2 * q + (i & 1);
      float acc = op.accumulate ? op.d[t][i] : 0.0f;
      for (unsigned k = 0; k < 16; ++k)
        acc += a[row][k] * b[col][k];
      op.d[t][i] = acc;
    }
  }
}

/// The running thread's warpgroup meets at `call`; the last of its 128
/// threads to arrive carries it out for all of them.
inline void warpgroup_collective(const WgmmaCall &call) {
  Launch &L = *gLaunch;
  Fiber &f = *gFiber;
  const char *what = wgmma_kind_name(call.kind);
  if (L.numThreads % 128)
    fail("%s: the block's %u threads are not whole warpgroups of 128", what,
         L.numThreads);
  const unsigned group = f.linear / 128;
  Fiber *threads = L.fibers + 128 * group;
  f.wgmma = call;
  f.state = FiberState::AtWarpgroup;
  for (unsigned t = 0; t < 128; ++t) {
    const Fiber &o = threads[t];
    if (o.state == FiberState::Exited)
      fail("%s: thread %u of warpgroup %u has exited and can never arrive "
           "(deadlock)",
           what, 128 * group + t, group);
    if (o.state != FiberState::AtWarpgroup) {
      yield_to_scheduler();
      return;
    }
  }
  for (unsigned t = 0; t < 128; ++t) {
    const WgmmaCall &o = threads[t].wgmma;
    if (o.kind != call.kind || o.n != call.n || o.waitN != call.waitN ||
        o.descA != call.descA || o.descB != call.descB ||
        o.flags != call.flags)
      fail("threads of warpgroup %u met at different wgmma instructions: "
           "thread %u at %s, thread %u at %s (or with other shapes, "
           "descriptors or flags; all 128 must execute the same one)",
           group, f.linear, what, 128 * group + t, wgmma_kind_name(o.kind));
  }
  WarpgroupQueue &queue = L.warpgroups[group];
  switch (call.kind) {
  case WgmmaKind::Fence:
    break;
  case WgmmaKind::Mma: {
    WgmmaOp op{};
    op.n = call.n;
    op.bf16 = call.flags & kWgmmaBf16;
    op.aRegs = call.flags & kWgmmaARegs;
    op.accumulate = call.flags & kWgmmaAccumulate;
    op.transA = call.flags & kWgmmaTransA;
    op.transB = call.flags & kWgmmaTransB;
    op.descA = call.descA;
    op.descB = call.descB;
    for (unsigned t = 0; t < 128; ++t) {
      op.d[t] = threads[t].wgmma.d;
      op.a[t] = threads[t].wgmma.a;
    }
    queue.uncommitted.push_back(op);
    break;
  }
  case WgmmaKind::Commit:
    queue.groups.push_back(std::move(queue.uncommitted));
    queue.uncommitted.clear();
    break;
  case WgmmaKind::Wait:
    while (queue.groups.size() > static_cast<size_t>(call.waitN)) {
      for (const WgmmaOp &op : queue.groups.front())
        execute_wgmma(op);
      queue.groups.erase(queue.groups.begin());
    }
    break;
  }
  for (unsigned t = 0; t < 128; ++t)
    threads[t].state = &threads[t] == gFiber ? FiberState::Running
                                              : FiberState::Ready;
}

/// wgmma.mma_async: records D (64 × n) = A · B (+ D) for the group.
inline void wgmma_mma_async(float *d, unsigned n, uint64_t descA,
                            const unsigned *aRegs, uint64_t descB,
                            unsigned flags) {
  if (n < 8 || n > 256 || n % 8)
    fail("wgmma.mma_async: N = %u is not a multiple of 8 in [8, 256]", n);
  WgmmaCall call{};
  call.kind = WgmmaKind::Mma;
  call.n = n;
  call.descA = aRegs ? 0 : descA;
  call.descB = descB;
  call.flags = flags | (aRegs ? kWgmmaARegs : 0u);
  call.d = d;
  call.a = aRegs;
  warpgroup_collective(call);
}

inline void wgmma_simple(WgmmaKind kind, int waitN = 0) {
  WgmmaCall call{};
  call.kind = kind;
  call.waitN = waitN;
  warpgroup_collective(call);
}

/// Appends the threads waiting at warpgroup collectives to a deadlock
/// message.
inline void describe_warpgroup_waits(Launch &L) {
  for (unsigned g = 0; g * 128 < L.numThreads; ++g) {
    unsigned waiting = 0;
    const Fiber *some = nullptr;
    for (unsigned t = 0; t < 128 && 128 * g + t < L.numThreads; ++t)
      if (L.fibers[128 * g + t].state == FiberState::AtWarpgroup) {
        ++waiting;
        some = &L.fibers[128 * g + t];
      }
    if (waiting)
      append(L.error, sizeof L.error,
             " %u threads of warpgroup %u wait at %s (e.g. thread %u);",
             waiting, g, wgmma_kind_name(some->wgmma.kind), some->linear);
  }
}

} // namespace kiln_emu

#endif // KILN_EMU_WGMMA_H
