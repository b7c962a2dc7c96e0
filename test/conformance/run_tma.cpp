//===- run_tma.cpp - TMA tile loads on the CPU emulator -------------------===//
//
// The known answers of tma.cu's kernel (a box past the tensor's last
// columns and rows, 128-byte swizzle and none) and what the emulation
// promises: the tile lands when a thread first waits for the barrier, not
// before;
// a map the emulation does not model is refused when it is encoded.
//
//===----------------------------------------------------------------------===//

#include "tma.cu"

#include "conformance_harness.h"

#include <cstring>

namespace conformance {
namespace {

void testTmaLoad() {
  const int rows = 70, cols = 80;
  std::vector<unsigned short> src(rows * cols);
  for (int i = 0; i < rows * cols; ++i)
    src[i] = static_cast<unsigned short>(i * 7 + 1);
  for (int swizzled = 0; swizzled < 2; ++swizzled)
    for (int early = 0; early < 2; ++early) {
      kiln_emu::TensorMap map;
      char error[256] = "";
      bool ok = kiln_emu::encode_tensor_map_2d(&map, src.data(), 2, cols, rows,
                                               cols * 2, 64, 32,
                                               swizzled ? 3 : 0, error,
                                               sizeof error);
      std::vector<unsigned short> out(32 * 64, 1);
      const kiln::TensorMap *pm = &map;
      unsigned short *po = out.data();
      int c0 = 32, c1 = 48, sw = swizzled, e = early;
      ok = ok && launch(dim3(1), dim3(128), 8192, kiln_emu_entry_conf_tma_load,
                        {&pm, &po, &c0, &c1, &sw, &e}) == 0;
      std::string detail = error;
      for (int r = 0; r < 32 && ok; ++r)
        for (int x = 0; x < 64 && ok; ++x) {
          const int y = c1 + r, col = c0 + x;
          // Read before the wait, thread 0's elements (it reads before any
          // thread has waited) are the dynamic shared memory's 0xff fill;
          // the later threads' may have landed already, as on the GPU.
          if (early && (r * 64 + x) % 128 != 0)
            continue;
          const unsigned short want =
              early ? 0xffff
                    : (y < rows && col < cols ? src[y * cols + col] : 0);
          if (out[r * 64 + x] != want) {
            ok = false;
            detail = format("box (%d, %d) = %u, expected %u", r, x,
                            out[r * 64 + x], want);
          }
        }
      report(format("TMA 64 x 32 box past the tensor's edges, %s, read %s "
                    "the wait",
                    swizzled ? "128-byte swizzle" : "no swizzle",
                    early ? "before" : "after")
                 .c_str(),
             ok, detail);
    }
}

void testTmaMapErrors() {
  std::vector<unsigned short> src(64 * 64);
  kiln_emu::TensorMap map;
  char error[256] = "";
  const bool refused = !kiln_emu::encode_tensor_map_2d(
      &map, src.data(), 2, 64, 64, 128, 32, 8, 3, error, sizeof error);
  report("error: a 128-byte swizzle over 64-byte box rows is refused", refused &&
         std::strstr(error, "swizzle span") != nullptr, error);
}

} // namespace

void runTmaChecks() {
  testTmaLoad();
  testTmaMapErrors();
}

} // namespace conformance
