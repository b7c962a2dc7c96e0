//===- hopper_sync.cu - Conformance: mbarrier, named barriers, elect.sync --===//
//
// sm_90's synchronization (kiln_hopper_sync.cuh) with known answers, which
// run_emulated.cpp checks:
//
// - a two-slot producer / consumer ring: one thread fills a slot and
//   arrives on its "full" barrier, 96 consumers wait for the full phase,
//   read, and arrive on the "empty" barrier the producer waits for before
//   refilling. Eight rounds, so both slots' barriers go through phases of
//   both parities; a wrong parity or a missing wait reads a slot too early
//   or too late and changes the sums.
// - transaction bytes: one arrival with expect_tx(64), the 64 bytes
//   written by two other warps and completed in two halves; the phase must
//   wait for both halves.
// - named barriers: two groups of 64 threads exchanging through shared
//   memory at barriers 1 and 2, and a producer warp handing data to a
//   consumer warp with bar.arrive / bar.sync on barrier 3.
// - elect.sync: exactly one lane of a full warp and of lanes 4-7.
// - setmaxnreg in a 2-warp-group kernel (checked by ptxas for sm_90a).
//
// The kernels use sm_90 instructions; NVRTC compiles them for sm_80 too,
// where those calls trap (the GPU check runs them on sm_90 only).
//
//===----------------------------------------------------------------------===//

#include "kiln_device.cuh"
#include "kiln_hopper_sync.cuh"

/// A producer / consumer split of warp groups as warp-specialized kernels
/// make it: setmaxnreg compiles (sm_90a; nothing elsewhere) and the
/// emulator accepts it. 256 threads; out[t] = t.
extern "C" __global__ void __launch_bounds__(256, 1) conf_setmaxnreg(int *out) {
  if (threadIdx.x < 128)
    kiln::setmaxnreg_dec<40>();
  else
    kiln::setmaxnreg_inc<232>();
  out[threadIdx.x] = threadIdx.x;
}

/// 128 threads; out[c] for consumer c (96) is the sum of what it read.
extern "C" __global__ void __launch_bounds__(128)
conf_mbarrier_ring(int *out, int rounds) {
  __shared__ uint64_t full[2], empty[2];
  __shared__ int slot[2][96];
  if (threadIdx.x == 0)
    for (int s = 0; s < 2; ++s) {
      kiln::mbarrier_init(&full[s], 1);
      kiln::mbarrier_init(&empty[s], 96);
    }
  __syncthreads();
  if (threadIdx.x < 32) {
    if (threadIdx.x != 0)
      return;
    for (int r = 0; r < rounds; ++r) {
      const int s = r % 2;
      // Slot s's previous round (r - 2) is free once its consumers' phase
      // (r - 2) / 2 of empty[s] has completed.
      if (r >= 2)
        kiln::mbarrier_wait_parity(&empty[s], ((r - 2) / 2) & 1);
      for (int c = 0; c < 96; ++c)
        slot[s][c] = r * 1000 + c;
      kiln::mbarrier_arrive(&full[s]);
    }
    return;
  }
  const int c = threadIdx.x - 32;
  int sum = 0;
  for (int r = 0; r < rounds; ++r) {
    const int s = r % 2;
    kiln::mbarrier_wait_parity(&full[s], (r / 2) & 1);
    sum += slot[s][c];
    kiln::mbarrier_arrive(&empty[s]);
  }
  out[c] = sum;
}

/// 96 threads; out[t] is what thread t read after the phase completed
/// (thread 0 arrives expecting 64 bytes; threads 32 and 64 each write 8
/// ints, complete 32 of the bytes, and arrive: complete_tx orders nothing,
/// so their arrivals, releases, publish the writes).
extern "C" __global__ void __launch_bounds__(96) conf_mbarrier_tx(int *out) {
  __shared__ uint64_t bar;
  __shared__ int data[16];
  if (threadIdx.x == 0)
    kiln::mbarrier_init(&bar, 3);
  __syncthreads();
  if (threadIdx.x == 0)
    kiln::mbarrier_arrive_expect_tx(&bar, 64);
  if (threadIdx.x == 32 || threadIdx.x == 64) {
    const int half = threadIdx.x / 32 - 1;
    for (int i = 0; i < 8; ++i)
      data[8 * half + i] = 100 * half + i;
    kiln::mbarrier_complete_tx(&bar, 32);
    kiln::mbarrier_arrive(&bar);
  }
  kiln::mbarrier_wait_parity(&bar, 0);
  out[threadIdx.x] = data[threadIdx.x % 16];
}

/// 128 threads; out[t] holds what thread t received through the named
/// barriers (slots [0, 128): the group exchange; [128, 160): warp 1's copy
/// of warp 0's values).
extern "C" __global__ void __launch_bounds__(128) conf_named_barriers(int *out) {
  __shared__ int x[128], handed[32];
  const int t = threadIdx.x, group = t / 64;
  x[t] = 3 * t + 1;
  kiln::named_barrier_sync(1 + group, 64);
  // The thread mirrored within the same group of 64.
  out[t] = x[64 * group + 63 - t % 64];
  if (t < 32) {
    handed[t] = 7 * t;
    kiln::named_barrier_arrive(3, 64);
  } else if (t < 64) {
    kiln::named_barrier_sync(3, 64);
    out[128 + t - 32] = handed[63 - t];
  }
}

/// 32 threads; out[0 … 31]: elected in the full warp; out[32 … 35]: lanes
/// 4-7 electing among themselves.
extern "C" __global__ void __launch_bounds__(32) conf_elect(int *out) {
  out[threadIdx.x] = kiln::elect_one(0xffffffffu) ? 1 : 0;
  if (threadIdx.x >= 4 && threadIdx.x < 8)
    out[32 + threadIdx.x - 4] = kiln::elect_one(0x000000f0u) ? 1 : 0;
}

KILN_EXPORT_KERNEL(conf_mbarrier_ring)
KILN_EXPORT_KERNEL(conf_mbarrier_tx)
KILN_EXPORT_KERNEL(conf_named_barriers)
KILN_EXPORT_KERNEL(conf_elect)
KILN_EXPORT_KERNEL(conf_setmaxnreg)
