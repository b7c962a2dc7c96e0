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
