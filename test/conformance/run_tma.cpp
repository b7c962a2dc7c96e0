//===- run_tma.cpp - TMA tile loads and stores on the CPU emulator --------===//
//
// The known answers of tma.cu's kernel (a box past the tensor's last
// columns and rows, 128-byte swizzle and none) and what the emulation
// promises: the tile lands when a thread first waits for the barrier, not
// before; tma.cu's store (the box past the tensor's edges: elements inside
// land, the rest are dropped, nothing outside the box changes) reads shared
// memory when its group is waited for, so a rewrite before the wait is
// stored; a thread that exits without waiting fails; a map the emulation
// does not model is refused when it is encoded.
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

void testTmaStore() {
  const int rows = 70, cols = 80, c0 = 32, c1 = 48;
  for (int swizzled = 0; swizzled < 2; ++swizzled)
    for (int rewrite = 0; rewrite < 2; ++rewrite) {
      std::vector<unsigned short> dst(rows * cols, 7);
      kiln_emu::TensorMap map;
      char error[256] = "";
      bool ok = kiln_emu::encode_tensor_map_2d(&map, dst.data(), 2, cols, rows,
                                               cols * 2, 64, 32,
                                               swizzled ? 3 : 0, error,
                                               sizeof error);
      const kiln::TensorMap *pm = &map;
      int a0 = c0, a1 = c1, sw = swizzled, rw = rewrite;
      ok = ok && launch(dim3(1), dim3(128), 8192, kiln_emu_entry_conf_tma_store,
                        {&pm, &a0, &a1, &sw, &rw}) == 0;
      std::string detail = error;
      for (int y = 0; y < rows && ok; ++y)
        for (int x = 0; x < cols && ok; ++x) {
          const int r = y - c1, b = x - c0;
          const bool inBox = r >= 0 && r < 32 && b >= 0 && b < 64;
          unsigned short want =
              inBox ? static_cast<unsigned short>(1 + r * 64 + b) : 7;
          if (inBox && r == 0 && b == 0 && rewrite)
            want = static_cast<unsigned short>(want + 1000);
          if (dst[y * cols + x] != want) {
            ok = false;
            detail = format("tensor (%d, %d) = %u, expected %u", y, x,
                            dst[y * cols + x], want);
          }
        }
      report(format("TMA store of a 64 x 32 box past the tensor's edges, %s%s",
                    swizzled ? "128-byte swizzle" : "no swizzle",
                    rewrite ? ", box rewritten before the wait (stored)" : "")
                 .c_str(),
             ok, detail);
    }
}

void testTmaStoreWithoutWait() {
  std::vector<unsigned short> dst(64 * 64, 7);
  kiln_emu::TensorMap map;
  char encodeError[256] = "";
  std::string error;
  bool ok = kiln_emu::encode_tensor_map_2d(&map, dst.data(), 2, 64, 64, 128,
                                           64, 32, 0, encodeError,
                                           sizeof encodeError);
  const kiln::TensorMap *pm = &map;
  int c0 = 0, c1 = 0, sw = 0, mode = 2;
  const int rc = ok ? launch(dim3(1), dim3(128), 8192,
                             kiln_emu_entry_conf_tma_store,
                             {&pm, &c0, &c1, &sw, &mode}, &error)
                    : -1;
  ok = rc != 0 && error.find("not waited for") != std::string::npos;
  report("error: exit with a TMA store's read of shared memory not waited for",
         ok, ok ? error : format("rc %d, message \"%s\"", rc, error.c_str()));
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
  testTmaStore();
  testTmaStoreWithoutWait();
  testTmaMapErrors();
}

} // namespace conformance
