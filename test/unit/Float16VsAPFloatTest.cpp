//===- Float16VsAPFloatTest.cpp - runtime conversions vs LLVM's APFloat ---===//
//
// The runtime converts f32 to bf16 / f16 with hand-written bit tricks; LLVM's
// APFloat is an independent implementation of IEEE rounding. They must agree
// on a dense sweep of f32 bit patterns (every 251st, covering subnormals,
// normals, overflow and NaN boundaries).
//
//===----------------------------------------------------------------------===//

#include "kiln/Runtime/Float16.h"

#include "llvm/ADT/APFloat.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

using namespace kiln::rt;

namespace {
uint16_t viaAPFloat(float f, const llvm::fltSemantics &sem) {
  llvm::APFloat v(f);
  bool losesInfo = false;
  v.convert(sem, llvm::APFloat::rmNearestTiesToEven, &losesInfo);
  return static_cast<uint16_t>(v.bitcastToAPInt().getZExtValue());
}
} // namespace

TEST(Float16VsAPFloat, SweepOfF32Patterns) {
  int checked = 0;
  for (uint64_t bits = 0; bits <= 0xffffffffull; bits += 251) {
    float f = bitsToFloat(static_cast<uint32_t>(bits));
    if (f != f)
      continue; // NaN payloads are not specified beyond "stays NaN"
    ASSERT_EQ(floatToBf16(f), viaAPFloat(f, llvm::APFloat::BFloat()))
        << "f32 bits 0x" << std::hex << bits;
    ASSERT_EQ(floatToF16(f), viaAPFloat(f, llvm::APFloat::IEEEhalf()))
        << "f32 bits 0x" << std::hex << bits;
    ++checked;
  }
  EXPECT_GT(checked, 10000000);
}

namespace {
uint16_t doubleViaAPFloat(double d, const llvm::fltSemantics &sem) {
  llvm::APFloat v(d);
  bool losesInfo = false;
  v.convert(sem, llvm::APFloat::rmNearestTiesToEven, &losesInfo);
  return static_cast<uint16_t>(v.bitcastToAPInt().getZExtValue());
}
} // namespace

// doubleToBf16 / doubleToF16 round once from double (no double rounding
// through f32). The sweep includes values just off 16-bit midpoints, where
// rounding through f32 first would tie and go the wrong way.
TEST(Float16VsAPFloat, DoublesRoundOnce) {
  uint64_t state = 0x9e3779b97f4a7c15ull;
  auto next = [&]() {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
  };
  int checked = 0;
  for (int i = 0; i < 2000000; ++i) {
    double d;
    uint64_t bits = next();
    if (i % 3 != 2) {
      // An exact bf16 (i % 3 == 0) or f16-range (i % 3 == 1) midpoint,
      // nudged by one double ulp up or down, or left exactly on the tie.
      uint32_t f32 = static_cast<uint32_t>(bits);
      f32 = i % 3 == 0 ? (f32 & 0xffff0000u) | 0x8000u
                       : (((f32 & 0x8000e000u) | 0x38000000u) +
                          (static_cast<uint32_t>(bits >> 32) % 30u << 23)) |
                             0x1000u;
      double mid = static_cast<double>(bitsToFloat(f32));
      int nudge = static_cast<int>((bits >> 40) % 3);
      d = nudge == 0 ? mid : std::nextafter(mid, nudge == 1 ? 1e300 : -1e300);
    } else {
      std::memcpy(&d, &bits, sizeof d);
      // Keep exponents near the 16-bit ranges.
      int e;
      double m = std::frexp(d, &e);
      d = std::ldexp(m, static_cast<int>(bits % 300) - 150);
    }
    if (d != d)
      continue;
    ASSERT_EQ(doubleToBf16(d), doubleViaAPFloat(d, llvm::APFloat::BFloat()))
        << "double " << d;
    ASSERT_EQ(doubleToF16(d), doubleViaAPFloat(d, llvm::APFloat::IEEEhalf()))
        << "double " << d;
    ++checked;
  }
  EXPECT_GT(checked, 1000000);
}
