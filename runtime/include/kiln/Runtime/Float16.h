//===- Float16.h - bf16 and f16 conversions shared by runtime and compiler ===//
//
// Bit-exact conversions between f32 (and double) and the two 16-bit float
// formats Kiln stores (IEEE binary16 and bfloat16), rounding to nearest even
// as the op contract requires. The f32 conversions are Float16Bits.h's (the
// cpu device's emulation shares them); double rounds once, through round to
// odd. Header-only: the runtime, the reference interpreter and tensor I/O
// use these.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_RUNTIME_FLOAT16_H
#define KILN_RUNTIME_FLOAT16_H

#include "kiln/Runtime/Float16Bits.h"

namespace kiln::rt {

using float16::bf16ToFloat;
using float16::bitsToFloat;
using float16::doubleToFloatRoundToOdd;
using float16::f16ToFloat;
using float16::floatBits;
using float16::floatToBf16;
using float16::floatToF16;

/// double → bf16 bits, one rounding to nearest even.
inline uint16_t doubleToBf16(double d) {
  return floatToBf16(doubleToFloatRoundToOdd(d));
}

/// double → f16 bits, one rounding to nearest even.
inline uint16_t doubleToF16(double d) {
  return floatToF16(doubleToFloatRoundToOdd(d));
}

} // namespace kiln::rt

#endif // KILN_RUNTIME_FLOAT16_H
