//===- kiln_tma.cuh - sm_90 tensor memory accelerator: tile loads, stores --===//
//
// cp.async.bulk.tensor (docs/cuda-notes.md): one thread asks the TMA unit
// to copy a box of a global tensor, described by a tensor map, into shared
// memory; elements outside the tensor arrive as zeros, the box lands in the
// map's swizzle (the one wgmma's descriptors name), and its bytes complete
// on an mbarrier, which consumers wait on:
//
//   if (elected) {
//     kiln::mbarrier_arrive_expect_tx(&full, boxBytes);
//     kiln::tma_load_2d(tile, &map, x, y, &full);
//   }
//   kiln::mbarrier_wait_parity(&full, phase);
//
// The tensor map is the driver's 128-byte CUtensorMap
// (cuTensorMapEncodeTiled), passed as a __grid_constant__ kernel parameter
// or in global memory; under emulation its twin, kiln_emu::TensorMap,
// which kiln_emu::encode_tensor_map_2d builds. The destination is aligned
// to 128 bytes, to the swizzle pattern (8 rows of the span) when swizzled.
// Needs sm_90; elsewhere the wrapper traps. The emulation
// (runtime/emu/kiln_emu_tma.h) copies when a thread waits on the barrier,
// the latest moment the hardware allows.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_TMA_CUH
#define KILN_TMA_CUH

#include "kiln_prelude.cuh"

namespace kiln {

#if defined(KILN_EMU)
using TensorMap = ::kiln_emu::TensorMap;
#else
/// The driver's opaque tensor map (CUtensorMap).
struct alignas(64) TensorMap {
  unsigned long long opaque[16];
};
#endif

/// Loads the box of `map` at coordinates (c0, c1) (c0 along the contiguous
/// dimension; may be negative or past the end: zeros) into `smem`,
/// completing its bytes on the mbarrier `bar`.
KILN_DEVICE_INLINE void tma_load_2d(void *smem, const TensorMap *map, int c0,
                                    int c1, uint64_t *bar) {
#if defined(KILN_EMU)
  ::kiln_emu::tma_load_2d(smem, map, c0, c1, bar);
#elif __CUDA_ARCH__ >= 900
  asm volatile("cp.async.bulk.tensor.2d.shared::cluster.global.mbarrier::"
               "complete_tx::bytes [%0], [%1, {%2, %3}], [%4];" ::"r"(
                   shared_address(smem)),
               "l"(map), "r"(c0), "r"(c1), "r"(shared_address(bar))
               : "memory");
#else
  (void)smem, (void)map, (void)c0, (void)c1, (void)bar;
  __trap();
#endif
}

/// Stores the box of `map` at (c0, c1) from `smem` (laid out in the map's
/// swizzle) to global memory; elements outside the tensor are not written.
/// The store joins this thread's open bulk group: bulk_commit_group closes
/// it, bulk_wait_group_read<N> waits until all but the N most recent
/// committed groups have read their shared memory (which may then be
/// reused), bulk_wait_group<N> until their writes are done. Threads'
/// shared-memory writes must be fenced (fence_proxy_async) and the block
/// synchronized before the store reads them.
KILN_DEVICE_INLINE void tma_store_2d(const TensorMap *map, int c0, int c1,
                                     const void *smem) {
#if defined(KILN_EMU)
  ::kiln_emu::tma_store_2d(map, c0, c1, smem);
#elif __CUDA_ARCH__ >= 900
  asm volatile("cp.async.bulk.tensor.2d.global.shared::cta.bulk_group "
               "[%0, {%2, %3}], [%1];" ::"l"(map),
               "r"(shared_address(smem)), "r"(c0), "r"(c1)
               : "memory");
#else
  (void)map, (void)c0, (void)c1, (void)smem;
  __trap();
#endif
}

/// cp.async.bulk.commit_group: closes this thread's open bulk group.
KILN_DEVICE_INLINE void bulk_commit_group() {
#if defined(KILN_EMU)
  ::kiln_emu::bulk_commit_group();
#elif __CUDA_ARCH__ >= 900
  asm volatile("cp.async.bulk.commit_group;" ::: "memory");
#else
  __trap();
#endif
}

/// cp.async.bulk.wait_group.read N: all but this thread's N most recent
/// committed bulk groups have finished reading shared memory.
template <int N> KILN_DEVICE_INLINE void bulk_wait_group_read() {
#if defined(KILN_EMU)
  ::kiln_emu::bulk_wait_group(N);
#elif __CUDA_ARCH__ >= 900
  asm volatile("cp.async.bulk.wait_group.read %0;" ::"n"(N) : "memory");
#else
  __trap();
#endif
}

/// cp.async.bulk.wait_group N: all but this thread's N most recent
/// committed bulk groups are complete (their writes visible).
template <int N> KILN_DEVICE_INLINE void bulk_wait_group() {
#if defined(KILN_EMU)
  ::kiln_emu::bulk_wait_group(N);
#elif __CUDA_ARCH__ >= 900
  asm volatile("cp.async.bulk.wait_group %0;" ::"n"(N) : "memory");
#else
  __trap();
#endif
}

} // namespace kiln

#endif // KILN_TMA_CUH
