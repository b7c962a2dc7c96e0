//===- kiln_cp_async.cuh - Asynchronous global -> shared copies (sm_80+) --===//
//
// cp.async.cg.shared.global copies 16 bytes from global to shared memory
// without passing through registers. Copies issued since the last commit form
// a group; cp_async_commit() closes it, cp_async_wait<N>() waits until at most
// N committed groups are still in flight, cp_async_wait_all() waits for all.
// Waiting covers only the calling thread's copies: a __syncthreads() is still
// needed before other threads read the data.
//
// The emulation reads the source when the copy is issued and writes the
// destination only when a wait covers it (the latest moment the hardware
// allows), so a missing wait shows up on the CPU as well.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_CP_ASYNC_CUH
#define KILN_CP_ASYNC_CUH

#include "kiln_prelude.cuh"

namespace kiln {

/// Copies 16 bytes; both addresses 16-byte aligned.
KILN_DEVICE_INLINE void cp_async_16(void *smem_dst, const void *gmem_src) {
#if defined(KILN_EMU)
  ::kiln_emu::cp_async(smem_dst, gmem_src, 16, 16);
#else
  const unsigned dst =
      static_cast<unsigned>(__cvta_generic_to_shared(smem_dst));
  asm volatile("cp.async.cg.shared.global [%0], [%1], 16;\n" ::"r"(dst),
               "l"(gmem_src)
               : "memory");
#endif
}

/// Copies the first `src_bytes` (0..16) bytes of `gmem_src` and zero-fills
/// the rest of the 16 destination bytes: predicated loads at tile edges. With
/// src_bytes == 0 the source is not read.
KILN_DEVICE_INLINE void cp_async_16_zfill(void *smem_dst, const void *gmem_src,
                                          unsigned src_bytes) {
#if defined(KILN_EMU)
  ::kiln_emu::cp_async(smem_dst, gmem_src, 16, src_bytes);
#else
  const unsigned dst =
      static_cast<unsigned>(__cvta_generic_to_shared(smem_dst));
  asm volatile("cp.async.cg.shared.global [%0], [%1], 16, %2;\n" ::"r"(dst),
               "l"(gmem_src), "r"(src_bytes)
               : "memory");
#endif
}

/// Closes the group of copies issued since the last commit.
KILN_DEVICE_INLINE void cp_async_commit() {
#if defined(KILN_EMU)
  ::kiln_emu::cp_async_commit();
#else
  asm volatile("cp.async.commit_group;\n" ::: "memory");
#endif
}

/// Waits until at most N committed groups of this thread are in flight.
template <int N> KILN_DEVICE_INLINE void cp_async_wait() {
  static_assert(N >= 0 && N <= 7, "cp.async.wait_group takes 0..7");
#if defined(KILN_EMU)
  ::kiln_emu::cp_async_wait(N);
#else
  asm volatile("cp.async.wait_group %0;\n" ::"n"(N) : "memory");
#endif
}

/// Waits for all of this thread's copies, committed or not.
KILN_DEVICE_INLINE void cp_async_wait_all() {
#if defined(KILN_EMU)
  ::kiln_emu::cp_async_wait_all();
#else
  asm volatile("cp.async.wait_all;\n" ::: "memory");
#endif
}

} // namespace kiln

#endif // KILN_CP_ASYNC_CUH
