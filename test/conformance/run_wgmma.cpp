//===- run_wgmma.cpp - wgmma on the CPU emulator --------------------------===//
//
// The known-answer checks of wgmma.cu's kernels (every swizzle, K stepped
// inside 128- and 64-byte rows, B transposed, A from registers, N = 64 and
// 128) against a host product of small integers, exact in f32; the
// emulator's descriptor decoding against hand-computed addresses; then what
// the emulation promises about asynchrony: D read before the wait is the
// old D, an operand overwritten before the wait is multiplied as
// overwritten, and a warpgroup whose threads do not all arrive deadlocks.
//
//===----------------------------------------------------------------------===//

#include "wgmma.cu"

#include "conformance_harness.h"

#include <cstring>

namespace conformance {
namespace {

struct WgmmaCase {
  const char *name;
  int n, mode, k, transB, aRegs;
};

void testWgmmaProducts() {
  const WgmmaCase cases[] = {
      {"wgmma m64n64k16 bf16, A and B K-major, no swizzle", 64, 0, 16, 0, 0},
      {"wgmma m64n64k16 bf16, 128-byte swizzle", 64, 1, 16, 0, 0},
      {"wgmma m64n64k16 bf16, 64-byte swizzle", 64, 2, 16, 0, 0},
      {"wgmma m64n64k16 bf16, 32-byte swizzle", 64, 3, 16, 0, 0},
      {"wgmma m64n128 K = 32: start stepped 32 bytes in 128-byte rows", 128, 1, 32, 0, 0},
      {"wgmma m64n64 K = 32: start stepped 32 bytes in 64-byte rows", 64, 2, 32, 0, 0},
      {"wgmma m64n64 K = 32, B MN-major (128-byte swizzle)", 64, 1, 32, 1, 0},
      {"wgmma m64n128k16, B MN-major across two 64-n blocks", 128, 1, 16, 1, 0},
      {"wgmma m64n64 K = 32, A from registers", 64, 1, 32, 0, 1},
  };
  for (const WgmmaCase &c : cases) {
    std::vector<unsigned short> A(64 * c.k), B(c.n * c.k);
    std::vector<float> Af(A.size()), Bf(B.size());
    for (size_t i = 0; i < A.size(); ++i) { // small integers: exact products
      Af[i] = float(int((i * 7 + 3) % 9) - 4);
      A[i] = bf16Bits(Af[i]);
    }
    for (size_t i = 0; i < B.size(); ++i) {
      Bf[i] = float(int((i * 5 + 1) % 7) - 3);
      B[i] = bf16Bits(Bf[i]);
    }
    std::vector<float> out(64 * c.n, -1.0f);
    const unsigned short *pa = A.data(), *pb = B.data();
    float *po = out.data();
    int mode = c.mode, k = c.k;
    void (*entry)(void **) =
        c.aRegs    ? kiln_emu_entry_conf_wgmma_n64_a_regs
        : c.transB ? (c.n == 64 ? kiln_emu_entry_conf_wgmma_n64_trans_b
                                : kiln_emu_entry_conf_wgmma_n128_trans_b)
                   : (c.n == 64 ? kiln_emu_entry_conf_wgmma_n64
                                : kiln_emu_entry_conf_wgmma_n128);
    bool ok = launch(dim3(1), dim3(128), 48 * 1024, entry,
                     {&pa, &pb, &po, &mode, &k}) == 0;
    std::string detail;
    for (int m = 0; m < 64 && ok; ++m)
      for (int n = 0; n < c.n && ok; ++n) {
        float want = 0.0f;
        for (int kk = 0; kk < c.k; ++kk)
          want += Af[m * c.k + kk] * Bf[n * c.k + kk];
        if (out[m * c.n + n] != want) {
          ok = false;
          detail = format("D(%d, %d) = %g, expected %g", m, n,
                          out[m * c.n + n], want);
        }
      }
    report(c.name, ok, detail);
  }
}

/// Addresses worked out by hand from the PTX ISA's layouts (start 1024,
/// row 9, k 5 unless noted).
void testWgmmaDescriptorDecoding() {
  struct Probe {
    uint64_t desc;
    unsigned row, k;
    bool mnMajor;
    uint32_t want;
  } probes[] = {
      // No swizzle, LBO 128, SBO 256: 1024 + 16 + 256 + 10.
      {(1024 >> 4) | (uint64_t(128 >> 4) << 16) | (uint64_t(256 >> 4) << 32),
       9, 5, false, 1306},
      // 128 B: 1024 + 128 + 1024 + 10 = 2186; bits 7-9 = 001 flip bit 4.
      {(1024 >> 4) | (uint64_t(1024 >> 4) << 32) | (uint64_t(1) << 62), 9, 5,
       false, 2202},
      // 64 B, row 11: 1024 + 192 + 512 + 10 = 1738; bits 7-8 = 01 flip bit 4.
      {(1024 >> 4) | (uint64_t(512 >> 4) << 32) | (uint64_t(2) << 62), 11, 5,
       false, 1754},
      // 32 B, row 12: 1024 + 128 + 256 + 10 = 1418; bit 7 = 1 flips bit 4.
      {(1024 >> 4) | (uint64_t(256 >> 4) << 32) | (uint64_t(3) << 62), 12, 5,
       false, 1434},
      // 128 B MN-major, n 70, k 11, LBO 8192, SBO 1024: 1024 + 12 + 8192 +
      // 384 + 1024 = 10636; bits 7-9 = 011 flip bits 4-5: 10636 ^ 48.
      {(1024 >> 4) | (uint64_t(8192 >> 4) << 16) | (uint64_t(1024 >> 4) << 32) |
           (uint64_t(1) << 62),
       70, 11, true, 10636 ^ 48},
  };
  bool ok = true;
  std::string detail;
  for (const Probe &p : probes) {
    const uint32_t got = kiln_emu::wgmma_offset(p.desc, p.row, p.k, p.mnMajor);
    if (got != p.want && ok) {
      ok = false;
      detail = format("descriptor 0x%016llx (%u, %u): %u, expected %u",
                      (unsigned long long)p.desc, p.row, p.k, got, p.want);
    }
  }
  report("wgmma descriptor decoding at hand-computed addresses", ok, detail);
}

//===----------------------------------------------------------------------===//
// The emulation's asynchrony
//===----------------------------------------------------------------------===//

/// D of a 64 × 8 × 16 product of ones (16 everywhere), read before the
/// wait (`early`) or after; with `overwrite`, A's shared memory is zeroed
/// after the commit, before the wait.
__global__ void emu_wgmma_async(float *out, int early, int overwrite) {
  KILN_DYNAMIC_SHARED(unsigned short, s);
  const unsigned short one = 0x3f80; // bf16 1.0
  for (int i = threadIdx.x; i < 64 * 16 + 8 * 16; i += 128)
    s[i] = one;
  kiln::fence_proxy_async();
  __syncthreads();
  const uint64_t a = kiln::wgmma_descriptor(s, 128, 256, kiln::WgmmaSwizzle::None);
  const uint64_t b =
      kiln::wgmma_descriptor(s + 64 * 16, 128, 256, kiln::WgmmaSwizzle::None);
  float d[4] = {0, 0, 0, 0};
  kiln::wgmma_fence();
  kiln::wgmma_ss<8, true>(d, a, b, false);
  kiln::wgmma_commit_group();
  if (overwrite) {
    for (int i = threadIdx.x; i < 64 * 16; i += 128)
      s[i] = 0;
    __syncthreads();
  }
  if (early)
    out[threadIdx.x] = d[0];
  kiln::wgmma_wait_group<0>();
  if (!early)
    out[threadIdx.x] = d[0];
}

__global__ void emu_wgmma_missing_warp(float *out) {
  KILN_DYNAMIC_SHARED(unsigned short, s);
  if (threadIdx.x >= 96)
    return; // the fourth warp never arrives
  kiln::wgmma_fence();
  out[threadIdx.x] = s[0];
}

/// The mma is committed but never waited for.
__global__ void emu_wgmma_no_wait(float *out) {
  KILN_DYNAMIC_SHARED(unsigned short, s);
  const uint64_t a = kiln::wgmma_descriptor(s, 128, 256, kiln::WgmmaSwizzle::None);
  float d[4] = {0, 0, 0, 0};
  kiln::wgmma_fence();
  kiln::wgmma_ss<8, true>(d, a, a, false);
  kiln::wgmma_commit_group();
  out[threadIdx.x] = 0;
}

__global__ void emu_wgmma_static_operand(float *out) {
  __shared__ __align__(16) unsigned short s[1024];
  out[threadIdx.x] = 0;
  (void)kiln::wgmma_descriptor(s, 128, 256, kiln::WgmmaSwizzle::None);
}

void testWgmmaAsynchrony() {
  using kiln_emu::trampoline;
  auto run = [](int early, int overwrite, float *first) {
    std::vector<float> out(128, -1.0f);
    float *po = out.data();
    void *params[] = {&po, &early, &overwrite};
    char error[1024] = "";
    const int rc = kiln_emu::launch(dim3(1), dim3(128), 4096,
                                    trampoline<&emu_wgmma_async>, params, error,
                                    sizeof error);
    *first = out[0];
    return rc;
  };
  float waited = -1, early = -1, overwritten = -1;
  const bool ok = run(0, 0, &waited) == 0 && run(1, 0, &early) == 0 &&
                  run(0, 1, &overwritten) == 0;
  report("wgmma: D after the wait is the product, before it the old D, and "
         "an operand overwritten before the wait is read as overwritten",
         ok && waited == 16.0f && early == 0.0f && overwritten == 0.0f,
         format("after %g (16), before %g (0), overwritten %g (0)", waited,
                early, overwritten));

  auto expectFailure = [](const char *test, void (*body)(void **),
                          const char *want) {
    std::vector<float> out(128, 0.0f);
    float *po = out.data();
    void *params[] = {&po};
    char error[1024] = "";
    const int rc = kiln_emu::launch(dim3(1), dim3(128), 4096, body, params,
                                    error, sizeof error);
    const bool ok = rc != 0 && std::strstr(error, want) != nullptr;
    report(test, ok,
           ok ? std::string(error)
              : format("rc %d, message \"%s\"", rc, error));
  };
  expectFailure("error: a warp of the warpgroup never reaches wgmma.fence",
                trampoline<&emu_wgmma_missing_warp>,
                "96 threads of warpgroup 0 wait at wgmma.fence");
  expectFailure("error: exit with a wgmma group not waited for",
                trampoline<&emu_wgmma_no_wait>, "not waited for");
  expectFailure("error: wgmma operand outside dynamic shared memory",
                trampoline<&emu_wgmma_static_operand>,
                "not in the block's dynamic shared memory");
}

} // namespace

void runWgmmaChecks() {
  testWgmmaDescriptorDecoding();
  testWgmmaProducts();
  testWgmmaAsynchrony();
}

} // namespace conformance
