//===- conformance_harness.h - Shared parts of the emulated conformance run -===//
//
// Reporting, launching and formatting for the conformance checks that run
// the kernels on the CPU emulator (run_emulated.cpp, run_tensor_core.cpp,
// run_hopper_sync.cpp, run_wgmma.cpp, run_tma.cpp).
// Force-include kiln_emu.h first, as for the kernels.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_CONFORMANCE_HARNESS_H
#define KILN_CONFORMANCE_HARNESS_H

#include <cstdarg>
#include <cstdio>
#include <string>
#include <vector>

namespace conformance {

inline int gFailures = 0;

inline void report(const char *test, bool ok, const std::string &detail = "") {
  std::printf("%s %s%s%s\n", ok ? "PASS" : "FAIL", test,
              detail.empty() ? "" : ": ", detail.c_str());
  gFailures += !ok;
}

/// Launches through the module's C entry points; returns kiln_emu_launch's
/// status, with its message in `error`.
inline int launch(dim3 grid, dim3 block, size_t sharedBytes,
           void (*entry)(void **params), std::vector<void *> params,
           std::string *error = nullptr) {
  const unsigned g[3] = {grid.x, grid.y, grid.z};
  const unsigned b[3] = {block.x, block.y, block.z};
  char message[1024] = "";
  int rc = kiln_emu_launch(g, b, sharedBytes, entry, params.data(), message,
                           sizeof message);
  if (error)
    *error = message;
  else if (rc)
    std::printf("  launch failed: %s\n", message);
  return rc;
}

inline std::string format(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));
inline std::string format(const char *fmt, ...) {
  char buf[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  return buf;
}

inline unsigned short bf16Bits(float f) {
  return __bfloat16_as_ushort(__float2bfloat16(f));
}
inline unsigned short f16Bits(float f) { return __half_as_ushort(__float2half(f)); }

/// The TMA tile-load checks (run_tma.cpp).
void runTmaChecks();

/// The wgmma checks: descriptors, swizzled layouts, asynchrony
/// (run_wgmma.cpp).
void runWgmmaChecks();

/// The mbarrier, named-barrier and elect.sync checks, and the emulator's
/// errors for them (run_hopper_sync.cpp).
void runHopperSyncChecks();

/// The mma.sync, ldmatrix, cp.async and TF32 checks (run_tensor_core.cpp).
void runTensorCoreChecks();

} // namespace conformance

#endif // KILN_CONFORMANCE_HARNESS_H
