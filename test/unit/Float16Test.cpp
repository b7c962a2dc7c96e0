//===- Float16Test.cpp - bf16 / f16 conversions against known answers -----===//
//
// Checks the runtime's 16-bit float conversions on values whose encodings are
// fixed by IEEE 754 and the bfloat16 definition (ties to even, overflow,
// subnormals, NaN). The exhaustive comparison with LLVM's APFloat lives in
// Float16VsAPFloatTest.cpp, which needs the compiler build.
//
//===----------------------------------------------------------------------===//

#include "kiln/Runtime/Float16.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

using namespace kiln::rt;

TEST(Float16, Bf16KnownEncodings) {
  EXPECT_EQ(floatToBf16(1.0f), 0x3f80);
  EXPECT_EQ(floatToBf16(-2.0f), 0xc000);
  EXPECT_EQ(floatToBf16(0.0f), 0x0000);
  EXPECT_EQ(floatToBf16(-0.0f), 0x8000);
  // 1 + 2^-8 is halfway between bf16 1.0 and 1 + 2^-7: ties to even (1.0).
  EXPECT_EQ(floatToBf16(1.00390625f), 0x3f80);
  // 1 + 3·2^-8 is halfway between 1 + 2^-7 (odd) and 1 + 2^-6: rounds up.
  EXPECT_EQ(floatToBf16(1.01171875f), 0x3f82);
  EXPECT_EQ(floatToBf16(std::numeric_limits<float>::infinity()), 0x7f80);
  EXPECT_EQ(floatToBf16(std::numeric_limits<float>::max()), 0x7f80);
  EXPECT_TRUE(std::isnan(bf16ToFloat(floatToBf16(NAN))));
  EXPECT_EQ(bf16ToFloat(0x4049), 3.140625f);
}

TEST(Float16, F16KnownEncodings) {
  EXPECT_EQ(floatToF16(1.0f), 0x3c00);
  EXPECT_EQ(floatToF16(-2.0f), 0xc000);
  EXPECT_EQ(floatToF16(65504.0f), 0x7bff);     // largest finite
  EXPECT_EQ(floatToF16(65519.0f), 0x7bff);     // below the rounding midpoint
  EXPECT_EQ(floatToF16(65520.0f), 0x7c00);     // midpoint: ties to even = inf
  EXPECT_EQ(floatToF16(6.103515625e-05f), 0x0400); // smallest normal 2^-14
  EXPECT_EQ(floatToF16(5.9604645e-08f), 0x0001);   // smallest subnormal 2^-24
  EXPECT_EQ(floatToF16(2.98023224e-08f), 0x0000);  // 2^-25: tie to even (0)
  EXPECT_EQ(floatToF16(8.94069672e-08f), 0x0002);  // 1.5·2^-24: tie to even (2)
  EXPECT_EQ(floatToF16(1.00048828125f), 0x3c00);   // 1 + 2^-11: tie to even
  EXPECT_TRUE(std::isnan(f16ToFloat(floatToF16(NAN))));
  EXPECT_EQ(f16ToFloat(0x0001), 5.9604645e-08f);
  EXPECT_EQ(f16ToFloat(0x8400), -6.103515625e-05f);
  EXPECT_EQ(f16ToFloat(0x7c00), std::numeric_limits<float>::infinity());
}

TEST(Float16, RoundTripsEvery16BitPattern) {
  for (uint32_t bits = 0; bits < 0x10000; ++bits) {
    uint16_t h = static_cast<uint16_t>(bits);
    float f = f16ToFloat(h);
    if (!std::isnan(f)) {
      EXPECT_EQ(floatToF16(f), h) << "f16 bits " << bits;
    }
    float b = bf16ToFloat(h);
    if (!std::isnan(b)) {
      EXPECT_EQ(floatToBf16(b), h) << "bf16 bits " << bits;
    }
  }
}
