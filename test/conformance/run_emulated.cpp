//===- run_emulated.cpp - Run the conformance kernels on the CPU emulator -===//
//
// Compiles every conformance kernel as C++ against the emulation header and
// launches each through the module's exported entry points, exactly as the
// runtime's `cpu` device will (kiln_emu_launch + kiln_emu_entry_<kernel>,
// which unpack cuLaunchKernel-style parameters); the tensor-core kernels are
// checked in run_tensor_core.cpp, with the helpers of conformance_harness.h.
// Each kernel's known answer is checked; then the emulator's own error paths
// (bad configurations, deadlocks, misused collectives, a missing cp.async
// wait) are checked. One line per test; the exit code is 0 only when every
// test passes. From the repository root:
//
//   g++ -std=c++17 -O1 -DKILN_EMU -include runtime/emu/kiln_emu.h
//       -Iruntime/device -Iruntime/include/kiln/Runtime
//       test/conformance/run_emulated.cpp
//       test/conformance/run_tensor_core.cpp -o /tmp/conf
//   /tmp/conf
//
//===----------------------------------------------------------------------===//

#include "atomics.cu"
#include "block_reduce.cu"
#include "float16.cu"
#include "transpose.cu"
#include "warp_ops.cu"

#include "conformance_harness.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

using namespace conformance;

namespace {

//===----------------------------------------------------------------------===//
// Conformance kernels
//===----------------------------------------------------------------------===//

void testBlockReduceSum() {
  const int n = 100000;
  std::vector<int> x(n);
  for (int i = 0; i < n; ++i)
    x[i] = i + 1;
  const unsigned blocks = 7, threads = 256;
  const unsigned long long expected = 1ull * n * (n + 1) / 2;
  bool ok = true;
  std::string detail;
  for (int run = 0; run < 2 && ok; ++run) { // launching twice must work
    std::vector<unsigned long long> partial(blocks, 0);
    unsigned long long total = 0;
    const int *px = x.data();
    unsigned long long *pp = partial.data(), *pt = &total;
    int nn = n;
    if (launch(dim3(blocks), dim3(threads), threads * 8,
               kiln_emu_entry_conf_block_reduce_sum, {&px, &nn, &pp, &pt})) {
      ok = false;
      break;
    }
    unsigned long long sum = 0;
    for (unsigned long long p : partial)
      sum += p;
    if (total != expected || sum != expected) {
      ok = false;
      detail = format("run %d: total %llu, partials %llu, expected %llu", run,
                      total, sum, expected);
    }
  }
  report("block_reduce_sum (7 x 256, dynamic shared, twice)", ok, detail);
}

void testBlockReduce2d() {
  const int n = 3000;
  const float threshold = 1000.5f;
  std::vector<float> x(n);
  for (int i = 0; i < n; ++i)
    x[i] = static_cast<float>(i + 1);
  const unsigned blocks = (n + 255) / 256;
  std::vector<float> partial(blocks, -1.0f);
  std::vector<int> above(blocks, -1);
  const float *px = x.data();
  float *pp = partial.data();
  int *pa = above.data();
  int nn = n;
  float th = threshold;
  bool ok =
      !launch(dim3(blocks), dim3(32, 8), 0, kiln_emu_entry_conf_block_reduce_2d,
              {&px, &nn, &th, &pp, &pa});
  std::string detail;
  for (unsigned b = 0; ok && b < blocks; ++b) {
    const int lo = b * 256, hi = std::min(n, lo + 256);
    // sum of (lo+1 .. hi) in closed form; exact in float (< 2^24)
    const double sum = (double(hi) * (hi + 1) - double(lo) * (lo + 1)) / 2;
    int count = 0;
    for (int i = lo; i < hi; ++i)
      count += x[i] > threshold;
    if (partial[b] != static_cast<float>(sum) || above[b] != count) {
      ok = false;
      detail = format("block %u: sum %g (expected %g), count %d (expected %d)",
                      b, partial[b], sum, above[b], count);
    }
  }
  report("block_reduce_2d (12 x (32x8), static shared, __syncthreads_count)",
         ok, detail);
}

void testTranspose() {
  const int rows = 77, cols = 45;
  std::vector<float> in(rows * cols), out(rows * cols, -1.0f);
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < cols; ++c)
      in[r * cols + c] = static_cast<float>(r * 1000 + c);
  const float *pi = in.data();
  float *po = out.data();
  int nr = rows, nc = cols;
  bool ok = !launch(dim3((cols + 31) / 32, (rows + 31) / 32), dim3(32, 8), 0,
                    kiln_emu_entry_conf_transpose, {&pi, &po, &nr, &nc});
  std::string detail;
  for (int c = 0; ok && c < cols; ++c)
    for (int r = 0; ok && r < rows; ++r)
      if (out[c * rows + r] != in[r * cols + c]) {
        ok = false;
        detail = format("out[%d][%d] = %g, expected %g", c, r,
                        out[c * rows + r], in[r * cols + c]);
      }
  report("transpose (77 x 45, 32x33 tile)", ok, detail);
}

void testWarpOps() {
  const int blocks = 2, threads = 128, total = blocks * threads;
  const int warps = total / 32;
  std::vector<int> x(total), out(total * kWarpSlots, 0x7eadbeef);
  for (int g = 0; g < total; ++g)
    x[g] = (g * 37) % 101 - 50;
  std::vector<float> fsum(warps, -1.0f);
  std::vector<double> dsum(warps, -1.0);
  const int *px = x.data();
  int *po = out.data();
  float *pf = fsum.data();
  double *pd = dsum.data();
  bool ok = !launch(dim3(blocks), dim3(threads), 0,
                    kiln_emu_entry_conf_warp_ops, {&px, &po, &pf, &pd});
  std::string detail;
  auto expect = [&](int g, int slot, long long want) {
    if (!ok)
      return;
    const int got = out[g * kWarpSlots + slot];
    if (got != static_cast<int>(want)) {
      ok = false;
      detail =
          format("thread %d slot %d: got %d (0x%08x), expected %d", g, slot,
                 got, static_cast<unsigned>(got), static_cast<int>(want));
    }
  };
  for (int w = 0; w < warps; ++w) {
    const int *v = &x[w * 32];
    long long sum = 0, halfSum[2] = {0, 0};
    int maxv = v[0];
    unsigned ballot = 0;
    bool anyZero = false, allBig = true, allPositive = true;
    for (int l = 0; l < 32; ++l) {
      sum += v[l];
      halfSum[l / 16] += v[l];
      maxv = std::max(maxv, v[l]);
      ballot |= (v[l] % 3 == 0 ? 1u : 0u) << l;
      anyZero |= v[l] == 0;
      allBig &= v[l] > -100;
      allPositive &= v[l] > 0;
    }
    const long long wide = sum * 8589934593LL;
    long long prefix = 0;
    for (int l = 0; l < 32; ++l) {
      const int g = w * 32 + l;
      prefix += v[l];
      unsigned sameMod4 = 0;
      for (int k = 0; k < 32; ++k)
        sameMod4 |= ((v[k] & 3) == (v[l] & 3) ? 1u : 0u) << k;
      expect(g, kWarpXorSum, sum);
      if (l == 0)
        expect(g, kWarpDownSum, sum);
      expect(g, kWarpScan, prefix);
      expect(g, kWarpIdxWidth8, v[(l & ~7) + 3]);
      expect(g, kWarpDown3Width16, (l % 16) + 3 < 16 ? v[l + 3] : v[l]);
      expect(g, kWarpUp2Width16, (l % 16) >= 2 ? v[l - 2] : v[l]);
      expect(g, kWarpXor5Width8, v[l ^ 5]);
      // A width-16 xor may read an earlier segment but never a later one.
      expect(g, kWarpXor20Width16, l < 16 ? v[l] : v[l ^ 20]);
      expect(g, kWarpBallot, static_cast<int>(ballot));
      expect(g, kWarpAnyZero, anyZero);
      expect(g, kWarpAllBig, allBig);
      expect(g, kWarpAllPositive, allPositive);
      expect(g, kWarpHalfSum, halfSum[l / 16]);
      expect(g, kWarpActive, -1);
      expect(g, kWarpNeighbour, 2 * v[(l + 1) % 32]);
      expect(g, kWarpReduceAdd, sum);
      expect(g, kWarpReduceMax, maxv);
      expect(g, kWarpMatchMod4, static_cast<int>(sameMod4));
      expect(g, kWarpLongLongXor, static_cast<int>(wide & 0xffffffff));
      expect(g, kWarpLongLongHigh, static_cast<int>(wide >> 32));
    }
    if (ok && (fsum[w] != 0.5f * static_cast<float>(sum) ||
               dsum[w] != 0.25 * static_cast<double>(sum))) {
      ok = false;
      detail = format("warp %d: float sum %g, double sum %g, expected %g", w,
                      fsum[w], dsum[w], 0.5 * sum);
    }
  }
  report("warp_ops (shuffles, widths, votes, match, reduce, __syncwarp)", ok,
         detail);
}

void testAtomics() {
  const int n = 6000;
  std::vector<int> x(n);
  for (int i = 0; i < n; ++i)
    x[i] = (i * 7919) % 10007 - 5000;
  ConfAtomics o{};
  o.imax = -(1 << 30);
  o.imin = 1 << 30;
  o.umax = 0;
  o.umin = 0xffffffffu;
  o.fmax = -INFINITY;
  o.fmin = INFINITY;
  o.exchSlot = 0xffffffffu;
  std::vector<unsigned> exchOld(n, 0);
  const int *px = x.data();
  int nn = n;
  ConfAtomics *po = &o;
  unsigned *pe = exchOld.data();
  const unsigned blocks = 8, threads = 256;
  bool ok = !launch(dim3(blocks), dim3(threads), 0, kiln_emu_entry_conf_atomics,
                    {&px, &nn, &po, &pe});

  int hist[37] = {};
  float fsum = 0, fmax = -INFINITY, fmin = INFINITY;
  double dsum = 0;
  unsigned usum = 0, umax = 0, umin = 0xffffffffu;
  int imax = -(1 << 30), imin = 1 << 30;
  for (int v : x) {
    ++hist[((v % 37) + 37) % 37];
    fsum += static_cast<float>(v & 7) * 0.5f;
    dsum += v * 0.125;
    usum += static_cast<unsigned>(v & 0xff);
    imax = std::max(imax, v);
    imin = std::min(imin, v);
    const unsigned h = static_cast<unsigned>(v) * 2654435761u;
    umax = std::max(umax, h);
    umin = std::min(umin, h);
    fmax = std::max(fmax, v * 0.25f);
    fmin = std::min(fmin, v * 0.25f);
  }
  std::string detail;
  auto check = [&](bool good, const std::string &what) {
    if (ok && !good) {
      ok = false;
      detail = what;
    }
  };
  for (int b = 0; b < 37; ++b)
    check(o.hist[b] == hist[b],
          format("hist[%d] = %d, expected %d", b, o.hist[b], hist[b]));
  check(o.fsum == fsum, format("float sum %g, expected %g", o.fsum, fsum));
  check(o.dsum == dsum, format("double sum %g, expected %g", o.dsum, dsum));
  check(o.usum == usum, format("unsigned sum %u, expected %u", o.usum, usum));
  check(
      o.imax == imax && o.imin == imin,
      format("int max/min %d/%d, expected %d/%d", o.imax, o.imin, imax, imin));
  check(o.umax == umax && o.umin == umin,
        format("unsigned max/min %u/%u, expected %u/%u", o.umax, o.umin, umax,
               umin));
  check(
      o.fmax == fmax && o.fmin == fmin,
      format("f32 max/min %g/%g, expected %g/%g", o.fmax, o.fmin, fmax, fmin));
  check(
      o.casCount == unsigned(n) && o.casCount64 == unsigned(n),
      format("CAS counters %u/%llu, expected %d", o.casCount, o.casCount64, n));
  check(o.lockedCount == int(blocks * threads / 32) && o.lock == 0,
        format("spin-locked count %d (lock %d), expected %u", o.lockedCount,
               o.lock, blocks * threads / 32));
  // atomicExch chains: the old values and the final value are the initial
  // value and every index, each exactly once.
  std::vector<unsigned> seen(exchOld);
  seen.push_back(o.exchSlot);
  std::sort(seen.begin(), seen.end());
  bool chain = seen.back() == 0xffffffffu;
  for (int i = 0; i < n && chain; ++i)
    chain = seen[i] == unsigned(i);
  check(chain, "atomicExch old values are not a permutation");
  report("atomics (histogram, sums, max/min, f32 max/min, exch, CAS, lock)", ok,
         detail);
}

/// The value of IEEE binary16 bits, decoded independently of both sides.
double decodeF16(unsigned bits) {
  const int exp = (bits >> 10) & 0x1f, mant = bits & 0x3ff;
  const double sign = (bits & 0x8000) ? -1.0 : 1.0;
  if (exp == 31)
    return sign * INFINITY;
  return sign *
         (exp ? std::ldexp(1024 + mant, exp - 25) : std::ldexp(mant, -24));
}

void testFloat16() {
  struct Case {
    float in;
    unsigned short f16, bf16; // expected bits, round to nearest even
  };
  const Case cases[] = {
      {1.0f, 0x3c00, 0x3f80},
      {1.0f / 3.0f, 0x3555, 0x3eab},
      {1.0f + 0x1p-11f, 0x3c00, 0x3f80}, // f16 tie: stays even
      {1.0f + 0x3p-11f, 0x3c02, 0x3f80}, // f16 tie: up to even
      {1.0f + 0x1p-8f, 0x3c04, 0x3f80},  // bf16 tie: stays even
      {1.0f + 0x3p-8f, 0x3c0c, 0x3f82},  // bf16 tie: up to even
      {65519.0f, 0x7bff, 0x4780},        // f16: largest finite
      {65520.0f, 0x7c00, 0x4780},        // f16: overflows to infinity
      {0x1p-24f, 0x0001, 0x3380},        // f16: smallest subnormal
      {0x1p-25f, 0x0000, 0x3300},        // f16: tie to zero
      {0x3p-25f, 0x0002, 0x33c0},        // f16: subnormal tie up to even
      {-2.5f, 0xc100, 0xc020},
      {1e-8f, 0x0000, 0x322c},
      {3e38f, 0x7c00, 0x7f62},
      {3.4e38f, 0x7c00, 0x7f80}, // bf16: rounds up to infinity
  };
  const int n = sizeof cases / sizeof cases[0];
  std::vector<float> in(n), f16Back(n), bf16Back(n);
  std::vector<unsigned short> f16(n), bf16(n);
  std::vector<unsigned> arith(kArithSlots);
  for (int i = 0; i < n; ++i)
    in[i] = cases[i].in;
  const float *pi = in.data();
  int nn = n;
  unsigned short *pf = f16.data(), *pb = bf16.data();
  float *pfb = f16Back.data(), *pbb = bf16Back.data();
  unsigned *pa = arith.data();
  bool ok = !launch(dim3(1), dim3(32), 0, kiln_emu_entry_conf_float16,
                    {&pi, &nn, &pf, &pb, &pfb, &pbb, &pa});
  std::string detail;
  for (int i = 0; ok && i < n; ++i) {
    const float bfValue = [&] {
      unsigned u = unsigned(cases[i].bf16) << 16;
      float f;
      std::memcpy(&f, &u, 4);
      return f;
    }();
    if (f16[i] != cases[i].f16 || bf16[i] != cases[i].bf16 ||
        f16Back[i] != static_cast<float>(decodeF16(cases[i].f16)) ||
        bf16Back[i] != bfValue) {
      ok = false;
      detail = format("%a: f16 0x%04x (expected 0x%04x) -> %a, bf16 0x%04x "
                      "(expected 0x%04x) -> %a",
                      cases[i].in, f16[i], cases[i].f16, f16Back[i], bf16[i],
                      cases[i].bf16, bf16Back[i]);
    }
  }
  const unsigned want[kArithSlots] = {0x34cc, 0x3555, 0x3e9a, 0x3eab, 7};
  for (int i = 0; ok && i < kArithSlots; ++i)
    if (arith[i] != want[i]) {
      ok = false;
      detail = format("arithmetic result %d: 0x%04x, expected 0x%04x", i,
                      arith[i], want[i]);
    }
  report("float16 (f16 / bf16 rounding, subnormals, overflow, arithmetic)", ok,
         detail);
}

//===----------------------------------------------------------------------===//
// The emulator's own error paths. These kernels are wrong on purpose (a GPU
// would hang or compute garbage), which is why they live here and not in the
// conformance .cu files.
//===----------------------------------------------------------------------===//

__global__ void emu_nop(int *) {}

__global__ void emu_lane_exits_before_shuffle(int *out) {
  if (threadIdx.x == 31)
    return;
  out[threadIdx.x] = __shfl_xor_sync(0xffffffffu, int(threadIdx.x), 1);
}

__global__ void emu_barrier_against_collective(int *out) {
  if (threadIdx.x < 16) // lanes 16..31 never reach the shuffle
    out[threadIdx.x] = __shfl_sync(0xffffffffu, 1, 0);
  __syncthreads();
}

__global__ void emu_mask_names_missing_lanes(int *out) {
  out[threadIdx.x] = __shfl_down_sync(0xffffffffu, 1, 1); // 48-thread block
}

__global__ void emu_early_exit_then_barrier(int *out) {
  __shared__ int s[64];
  if (threadIdx.x >= 40)
    return; // the GPU's barrier does not wait for exited threads
  s[threadIdx.x] = int(threadIdx.x);
  __syncthreads();
  out[threadIdx.x] = s[39 - threadIdx.x];
}

__global__ void emu_shuffle_outside_mask(int *out) {
  const unsigned half = threadIdx.x < 16 ? 0x0000ffffu : 0xffff0000u;
  // Lane 15 reads lane 16, which is not in its mask: undefined, poisoned.
  out[threadIdx.x] = __shfl_down_sync(half, int(threadIdx.x), 1);
}

__global__ void emu_cp_async(const int *src, int *out, int wait) {
  KILN_DYNAMIC_SHARED(int, s);
  kiln::cp_async_16(&s[4 * threadIdx.x], &src[4 * threadIdx.x]);
  kiln::cp_async_commit();
  if (wait)
    kiln::cp_async_wait<0>();
  __syncthreads();
  out[threadIdx.x] = s[4 * ((threadIdx.x + 1) % blockDim.x)];
}

__global__ void emu_trap(int *) {
  if (threadIdx.x == 5)
    __trap();
  __syncthreads();
}

__global__ void emu_misaligned_ldmatrix(int *out) {
  __shared__ __align__(16) unsigned short s[8 * 16];
  unsigned r[1];
  kiln::ldmatrix_x1(r, &s[(threadIdx.x % 8) * 8 + 1]);
  out[threadIdx.x] = int(r[0]);
}

__global__ void emu_spin_wait(int *out) {
  __shared__ volatile int flag;
  if (threadIdx.x == 0)
    flag = 0;
  __syncthreads();
  if (threadIdx.x == 0) {
    while (flag == 0) // set by thread 63, which runs later
      __nanosleep(100);
    out[0] = flag;
  }
  if (threadIdx.x == 63)
    flag = 42;
}

/// Launches `body` and checks that it fails with a message containing `want`.
void expectFailure(const char *test, dim3 grid, dim3 block, size_t shared,
                   void (*body)(void **), const char *want) {
  std::vector<int> out(2048, 0);
  int *po = out.data();
  void *params[] = {&po};
  char error[1024] = "";
  const int rc =
      kiln_emu::launch(grid, block, shared, body, params, error, sizeof error);
  const bool ok = rc != 0 && std::strstr(error, want) != nullptr;
  report(test, ok,
         ok ? std::string(error) : format("rc %d, message \"%s\"", rc, error));
}

void testEmulatorErrors() {
  using kiln_emu::trampoline;
  expectFailure("error: block of 1025 threads", dim3(1), dim3(1025), 0,
                trampoline<&emu_nop>, "1025 threads");
  expectFailure("error: dynamic shared memory above the limit", dim3(1),
                dim3(32), 300 * 1024, trampoline<&emu_nop>, "dynamic shared");
  expectFailure("error: lane exits before a full-warp shuffle", dim3(1),
                dim3(32), 0, trampoline<&emu_lane_exits_before_shuffle>,
                "deadlock");
  expectFailure("error: barrier against a warp collective", dim3(1), dim3(64),
                0, trampoline<&emu_barrier_against_collective>, "deadlock");
  expectFailure("error: mask names lanes the block lacks", dim3(1), dim3(48), 0,
                trampoline<&emu_mask_names_missing_lanes>, "do not exist");
  expectFailure("error: __trap", dim3(2), dim3(32), 0, trampoline<&emu_trap>,
                "__trap");
  expectFailure("error: misaligned ldmatrix row", dim3(1), dim3(32), 0,
                trampoline<&emu_misaligned_ldmatrix>, "16-byte aligned");

  { // threads that returned do not block __syncthreads
    std::vector<int> out(64, -1);
    int *po = out.data();
    void *params[] = {&po};
    char error[512] = "";
    int rc = kiln_emu::launch(dim3(1), dim3(64), 0,
                              trampoline<&emu_early_exit_then_barrier>, params,
                              error, sizeof error);
    bool ok = rc == 0;
    for (int i = 0; i < 40 && ok; ++i)
      ok = out[i] == 39 - i;
    report("early exit before __syncthreads completes the barrier", ok, error);
  }
  { // a source lane outside the mask yields the poison value
    std::vector<int> out(32, 0);
    int *po = out.data();
    void *params[] = {&po};
    char error[512] = "";
    int rc = kiln_emu::launch(dim3(1), dim3(32), 0,
                              trampoline<&emu_shuffle_outside_mask>, params,
                              error, sizeof error);
    report("shuffle from a lane outside the mask is poisoned",
           rc == 0 && out[15] == -1 && out[14] == 15 && out[16] == 17 &&
               out[31] == 31,
           format("rc %d, lane 15 got %d", rc, out[15]));
  }
  { // cp.async lands only once waited for
    std::vector<int> src(4 * 64), out(64, 0);
    for (int i = 0; i < 4 * 64; ++i)
      src[i] = i;
    bool ok = true;
    for (int wait = 0; wait < 2; ++wait) {
      const int *ps = src.data();
      int *po = out.data();
      int w = wait;
      void *params[] = {&ps, &po, &w};
      char error[512] = "";
      ok &= kiln_emu::launch(dim3(1), dim3(64), 64 * 16,
                             trampoline<&emu_cp_async>, params, error,
                             sizeof error) == 0;
      // Without the wait the other threads see unwritten (0xff) memory.
      ok &= out[0] == (wait ? 4 : -1) && out[63] == (wait ? 0 : -1);
    }
    report("cp.async without a wait is visible (data lands at the wait)", ok);
  }
  { // __nanosleep lets a spin-wait on another thread of the block progress
    std::vector<int> out(1, 0);
    int *po = out.data();
    void *params[] = {&po};
    char error[512] = "";
    int rc = kiln_emu::launch(dim3(1), dim3(64), 0, trampoline<&emu_spin_wait>,
                              params, error, sizeof error);
    report("spin-wait with __nanosleep", rc == 0 && out[0] == 42, error);
  }
}

} // namespace

int main() {
  testBlockReduceSum();
  testBlockReduce2d();
  testTranspose();
  testWarpOps();
  testAtomics();
  testFloat16();
  runTensorCoreChecks();
  runHopperSyncChecks();
  runWgmmaChecks();
  runTmaChecks();
  testEmulatorErrors();
  std::printf("%s: %d failed\n", gFailures ? "FAIL" : "PASS", gFailures);
  return gFailures ? 1 : 0;
}
