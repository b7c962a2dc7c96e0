//===- run_hopper_sync.cpp - sm_90 synchronization on the CPU emulator ----===//
//
// The known-answer checks of hopper_sync.cu's kernels (an mbarrier ring
// through phases of both parities, transaction bytes completed in halves,
// named barriers, elect.sync), then the emulator's errors for misuse: a
// wait nobody arrives for is a deadlock naming the barrier and its phase,
// a barrier used before mbarrier.init, too many arrivals, a named barrier
// whose threads disagree on the count.
//
//===----------------------------------------------------------------------===//

#include "hopper_sync.cu"

#include "conformance_harness.h"

#include <cstring>

namespace conformance {
namespace {

void testMbarrierRing() {
  for (int rounds : {1, 2, 8}) {
    std::vector<int> out(96, -1);
    int *po = out.data();
    int r = rounds;
    bool ok = launch(dim3(1), dim3(128), 0, kiln_emu_entry_conf_mbarrier_ring,
                     {&po, &r}) == 0;
    std::string detail;
    for (int c = 0; c < 96 && ok; ++c) {
      const int want = 1000 * rounds * (rounds - 1) / 2 + rounds * c;
      if (out[c] != want) {
        ok = false;
        detail = format("consumer %d summed %d, expected %d", c, out[c], want);
      }
    }
    report(format("mbarrier ring: 1 producer, 96 consumers, 2 slots, %d "
                  "rounds",
                  rounds)
               .c_str(),
           ok, detail);
  }
}

void testMbarrierTx() {
  std::vector<int> out(96, -1);
  int *po = out.data();
  bool ok = launch(dim3(1), dim3(96), 0, kiln_emu_entry_conf_mbarrier_tx,
                   {&po}) == 0;
  std::string detail;
  for (int t = 0; t < 96 && ok; ++t) {
    const int i = t % 16, want = 100 * (i / 8) + i % 8;
    if (out[t] != want) {
      ok = false;
      detail = format("thread %d read %d, expected %d", t, out[t], want);
    }
  }
  report("mbarrier expect_tx(64) completed in two halves by two warps", ok,
         detail);
}

void testNamedBarriers() {
  std::vector<int> out(160, -1);
  int *po = out.data();
  bool ok = launch(dim3(1), dim3(128), 0, kiln_emu_entry_conf_named_barriers,
                   {&po}) == 0;
  std::string detail;
  for (int t = 0; t < 128 && ok; ++t) {
    const int want = 3 * (64 * (t / 64) + 63 - t % 64) + 1;
    if (out[t] != want) {
      ok = false;
      detail = format("thread %d got %d, expected %d", t, out[t], want);
    }
  }
  for (int i = 0; i < 32 && ok; ++i)
    if (out[128 + i] != 7 * (31 - i)) {
      ok = false;
      detail = format("warp 1 lane %d got %d from bar.arrive's producer, "
                      "expected %d",
                      i, out[128 + i], 7 * (31 - i));
    }
  report("named barriers 1 and 2 (two groups of 64), bar.arrive to bar.sync "
         "on 3",
         ok, detail);
}

void testSetmaxnreg() {
  std::vector<int> out(256, -1);
  int *po = out.data();
  bool ok = launch(dim3(1), dim3(256), 0, kiln_emu_entry_conf_setmaxnreg,
                   {&po}) == 0;
  for (int t = 0; t < 256 && ok; ++t)
    ok = out[t] == t;
  report("setmaxnreg in a two-warp-group kernel", ok);
}

void testElect() {
  std::vector<int> out(36, -1);
  int *po = out.data();
  bool ok = launch(dim3(1), dim3(32), 0, kiln_emu_entry_conf_elect, {&po}) == 0;
  int full = 0, part = 0;
  for (int l = 0; l < 32; ++l)
    full += out[l] == 1;
  for (int l = 0; l < 4; ++l)
    part += out[32 + l] == 1;
  // The PTX ISA promises one lane, the same every time, not which.
  ok = ok && full == 1 && part == 1;
  report("elect.sync elects one lane of a full warp and of lanes 4-7", ok,
         format("%d and %d lanes elected", full, part));
}

//===----------------------------------------------------------------------===//
// Misuse the emulator reports
//===----------------------------------------------------------------------===//

__global__ void emu_wait_without_arrival(int *out) {
  __shared__ uint64_t bar;
  if (threadIdx.x == 0)
    kiln::mbarrier_init(&bar, 2);
  __syncthreads();
  if (threadIdx.x == 0)
    kiln::mbarrier_arrive(&bar); // one of the two arrivals
  kiln::mbarrier_wait_parity(&bar, 0);
  out[threadIdx.x] = 1;
}

__global__ void emu_uninitialized_mbarrier(int *out) {
  __shared__ uint64_t bar;
  kiln::mbarrier_arrive(&bar);
  out[0] = 1;
}

__global__ void emu_too_many_arrivals(int *out) {
  __shared__ uint64_t bar;
  if (threadIdx.x == 0) {
    kiln::mbarrier_init(&bar, 1);
    kiln::mbarrier_expect_tx(&bar, 16); // the phase stays open on the bytes
    kiln::mbarrier_arrive(&bar);
    kiln::mbarrier_arrive(&bar);
  }
  out[0] = 1;
}

__global__ void emu_named_barrier_counts_differ(int *out) {
  kiln::named_barrier_sync(1, threadIdx.x < 32 ? 64 : 32);
  out[threadIdx.x] = 1;
}

void expectFailure(const char *test, unsigned threads, void (*body)(void **),
                   const char *want, const char *want2 = "") {
  std::vector<int> out(256, 0);
  int *po = out.data();
  void *params[] = {&po};
  char error[1024] = "";
  const int rc = kiln_emu::launch(dim3(1), dim3(threads), 0, body, params,
                                  error, sizeof error);
  const bool ok = rc != 0 && std::strstr(error, want) != nullptr &&
                  std::strstr(error, want2) != nullptr;
  report(test, ok,
         ok ? std::string(error) : format("rc %d, message \"%s\"", rc, error));
}

void testMisuse() {
  using kiln_emu::trampoline;
  expectFailure("error: mbarrier phase that never completes", 64,
                trampoline<&emu_wait_without_arrival>, "deadlock",
                "64 threads (e.g. thread 0) wait on mbarrier #0");
  expectFailure("error: mbarrier used before mbarrier.init", 32,
                trampoline<&emu_uninitialized_mbarrier>,
                "was not initialized in this block");
  expectFailure("error: more arrivals than the phase expects", 32,
                trampoline<&emu_too_many_arrivals>, "1 arrivals",
                "has 0 pending of 1");
  expectFailure("error: named barrier counts differ", 64,
                trampoline<&emu_named_barrier_counts_differ>,
                "bar.sync 1: count 32");
}

} // namespace

void runHopperSyncChecks() {
  testMbarrierRing();
  testMbarrierTx();
  testNamedBarriers();
  testElect();
  testSetmaxnreg();
  testMisuse();
}

} // namespace conformance
