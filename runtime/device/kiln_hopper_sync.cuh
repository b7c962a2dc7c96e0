//===- kiln_hopper_sync.cuh - sm_90 synchronization: mbarrier, bar, elect --===//
//
// What sm_90's asynchronous pipelines synchronize with (docs/cuda-notes.md):
//
// - mbarrier: an 8-byte object in shared memory counting a phase's
//   arrivals and its transaction bytes. The phase completes when the
//   expected arrivals have arrived and the bytes announced with expect_tx
//   have landed (complete_tx: what a bulk copy does as its data arrives);
//   its parity then flips. A consumer waits for the phase of a parity
//   (mbarrier_wait_parity), so a ring of barriers alternates 0, 1, 0, …
//   per slot.
// - named barriers: bar.sync id, count waits until `count` threads (a
//   multiple of 32) have arrived at barrier `id`; bar.arrive arrives
//   without waiting. Warp-specialized kernels hand tiles between warp
//   groups with them; __syncthreads is barrier 0 with every thread.
// - elect.sync: one lane of the mask is elected, the same every time.
// - setmaxnreg: a warp group gives registers up or takes them (sm_90a;
//   nothing to do under emulation, which has no register file).
//
// mbarrier.init / arrive exist from sm_80; expect_tx, complete_tx,
// try_wait and elect.sync need sm_90 (a kernel built for sm_80 that calls
// them traps); setmaxnreg needs sm_90a and is a no-op elsewhere (it only
// moves registers between warp groups). Under KILN_EMU each call goes to
// the emulation (runtime/emu/kiln_emu_hopper.h), which parks a waiting
// thread until its phase completes and reports a block whose threads all
// wait as a deadlock naming the barriers.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_HOPPER_SYNC_CUH
#define KILN_HOPPER_SYNC_CUH

#include "kiln_prelude.cuh"

namespace kiln {

/// Arms `bar` (8 bytes of shared memory, 8-aligned) for phases of `count`
/// arrivals (1 … 2^20 − 1); the first phase has parity 0. Make it visible to
/// the block (a __syncthreads) before anyone else uses it.
KILN_DEVICE_INLINE void mbarrier_init(uint64_t *bar, unsigned count) {
#if defined(KILN_EMU)
  ::kiln_emu::mbarrier_init(bar, count);
#else
  asm volatile("mbarrier.init.shared::cta.b64 [%0], %1;" ::"r"(
                   shared_address(bar)),
               "r"(count)
               : "memory");
#endif
}

/// fence.mbarrier_init: makes the initialized barriers visible to the
/// asynchronous proxy (the TMA unit's complete_tx) as well; the thread that
/// initialized them calls it before the barrier that publishes them.
/// Nothing to order before sm_90 or under emulation.
KILN_DEVICE_INLINE void fence_mbarrier_init() {
#if !defined(KILN_EMU) && __CUDA_ARCH__ >= 900
  asm volatile("fence.mbarrier_init.release.cluster;" ::: "memory");
#endif
}

/// One arrival; returns the state token of the phase arrived at.
KILN_DEVICE_INLINE uint64_t mbarrier_arrive(uint64_t *bar) {
#if defined(KILN_EMU)
  return ::kiln_emu::mbarrier_arrive(bar);
#else
  uint64_t state;
  asm volatile("mbarrier.arrive.shared::cta.b64 %0, [%1];"
               : "=l"(state)
               : "r"(shared_address(bar))
               : "memory");
  return state;
#endif
}

/// The current phase also waits for `bytes` transaction bytes.
KILN_DEVICE_INLINE void mbarrier_expect_tx(uint64_t *bar, unsigned bytes) {
#if defined(KILN_EMU)
  ::kiln_emu::mbarrier_expect_tx(bar, bytes);
#elif __CUDA_ARCH__ >= 900
  asm volatile("mbarrier.expect_tx.relaxed.cta.shared::cta.b64 [%0], %1;" ::"r"(
                   shared_address(bar)),
               "r"(bytes)
               : "memory");
#else
  (void)bar, (void)bytes;
  __trap();
#endif
}

/// expect_tx(bytes), then one arrival: what the thread that issues a
/// phase's bulk copies does.
KILN_DEVICE_INLINE uint64_t mbarrier_arrive_expect_tx(uint64_t *bar,
                                                     unsigned bytes) {
#if defined(KILN_EMU)
  return ::kiln_emu::mbarrier_arrive_expect_tx(bar, bytes);
#elif __CUDA_ARCH__ >= 900
  uint64_t state;
  asm volatile("mbarrier.arrive.expect_tx.shared::cta.b64 %0, [%1], %2;"
               : "=l"(state)
               : "r"(shared_address(bar)), "r"(bytes)
               : "memory");
  return state;
#else
  (void)bar, (void)bytes;
  __trap();
  return 0;
#endif
}

/// `bytes` of the current phase's transactions have landed. It orders
/// nothing (.relaxed): data written by ordinary stores is published by an
/// arrive (a release), not by this; it stands for what a bulk copy does.
KILN_DEVICE_INLINE void mbarrier_complete_tx(uint64_t *bar, unsigned bytes) {
#if defined(KILN_EMU)
  ::kiln_emu::mbarrier_complete_tx(bar, bytes);
#elif __CUDA_ARCH__ >= 900
  asm volatile(
      "mbarrier.complete_tx.relaxed.cta.shared::cta.b64 [%0], %1;" ::"r"(
          shared_address(bar)),
      "r"(bytes)
      : "memory");
#else
  (void)bar, (void)bytes;
  __trap();
#endif
}

/// Whether the phase of parity `parity` has completed (the hardware may
/// say no for a while before it has; loop, or call mbarrier_wait_parity).
KILN_DEVICE_INLINE bool mbarrier_try_wait_parity(uint64_t *bar,
                                                 unsigned parity) {
#if defined(KILN_EMU)
  return ::kiln_emu::mbarrier_try_wait_parity(bar, parity);
#elif __CUDA_ARCH__ >= 900
  unsigned done;
  asm volatile("{\n"
               "  .reg .pred p;\n"
               "  mbarrier.try_wait.parity.shared::cta.b64 p, [%1], %2;\n"
               "  selp.u32 %0, 1, 0, p;\n"
               "}"
               : "=r"(done)
               : "r"(shared_address(bar)), "r"(parity)
               : "memory");
  return done != 0;
#else
  (void)bar, (void)parity;
  __trap();
  return false;
#endif
}

/// Waits until the phase of parity `parity` has completed.
KILN_DEVICE_INLINE void mbarrier_wait_parity(uint64_t *bar, unsigned parity) {
  while (!mbarrier_try_wait_parity(bar, parity)) {
  }
}

/// bar.sync id, count: waits until `count` threads (a multiple of 32) have
/// arrived at named barrier `id` (1 … 15; 0 is __syncthreads').
KILN_DEVICE_INLINE void named_barrier_sync(unsigned id, unsigned count) {
#if defined(KILN_EMU)
  ::kiln_emu::named_barrier_sync(id, count);
#else
  asm volatile("bar.sync %0, %1;" ::"r"(id), "r"(count) : "memory");
#endif
}

/// bar.arrive id, count: arrives at named barrier `id` without waiting.
KILN_DEVICE_INLINE void named_barrier_arrive(unsigned id, unsigned count) {
#if defined(KILN_EMU)
  ::kiln_emu::named_barrier_arrive(id, count);
#else
  asm volatile("bar.arrive %0, %1;" ::"r"(id), "r"(count) : "memory");
#endif
}

/// elect.sync: true in exactly one lane of `mask` (every lane of the mask
/// calls it together).
KILN_DEVICE_INLINE bool elect_one(unsigned mask = 0xffffffffu) {
#if defined(KILN_EMU)
  return ::kiln_emu::elect_sync(mask);
#elif __CUDA_ARCH__ >= 900
  unsigned elected;
  asm volatile("{\n"
               "  .reg .pred p;\n"
               "  elect.sync _|p, %1;\n"
               "  selp.u32 %0, 1, 0, p;\n"
               "}"
               : "=r"(elected)
               : "r"(mask));
  return elected != 0;
#else
  (void)mask;
  __trap();
  return false;
#endif
}

/// setmaxnreg.inc / .dec: the calling warp group's registers per thread
/// become `Regs` (a multiple of 8 in [24, 256]); every warp of the group
/// calls it. ptxas ignores it (with a warning) unless it knows the
/// kernel's registers at entry: give the kernel __launch_bounds__(threads,
/// 1).
template <unsigned Regs> KILN_DEVICE_INLINE void setmaxnreg_inc() {
  static_assert(Regs >= 24 && Regs <= 256 && Regs % 8 == 0,
                "setmaxnreg takes a multiple of 8 in [24, 256]");
#if defined(__CUDA_ARCH_FEAT_SM90_ALL)
  asm volatile("setmaxnreg.inc.sync.aligned.u32 %0;" ::"n"(Regs));
#endif
}
template <unsigned Regs> KILN_DEVICE_INLINE void setmaxnreg_dec() {
  static_assert(Regs >= 24 && Regs <= 256 && Regs % 8 == 0,
                "setmaxnreg takes a multiple of 8 in [24, 256]");
#if defined(__CUDA_ARCH_FEAT_SM90_ALL)
  asm volatile("setmaxnreg.dec.sync.aligned.u32 %0;" ::"n"(Regs));
#endif
}

} // namespace kiln

#endif // KILN_HOPPER_SYNC_CUH
