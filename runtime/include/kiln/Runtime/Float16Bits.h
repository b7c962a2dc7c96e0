//===- Float16Bits.h - f32 <-> bf16 / f16 bit conversions -----------------===//
//
// The one implementation of the 16-bit float conversions Kiln relies on:
// bit-exact round to nearest even between f32 and IEEE binary16 or bfloat16,
// overflow to infinity, gradual underflow, NaN kept quiet. Dependency-free
// (the C++ standard library only) and outside every project header, because
// two very different consumers include it: the runtime (Float16.h, tensor
// I/O, the reference interpreter) and the cpu device's emulation header,
// which ships it with the device library into every kernel build.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_FLOAT16_BITS_H
#define KILN_FLOAT16_BITS_H

#include <cmath>
#include <cstdint>
#include <cstring>

namespace kiln::float16 {

inline uint32_t floatBits(float f) {
  uint32_t u;
  std::memcpy(&u, &f, sizeof u);
  return u;
}

inline float bitsToFloat(uint32_t u) {
  float f;
  std::memcpy(&f, &u, sizeof f);
  return f;
}

/// f32 → bf16 bits, round to nearest even; NaN stays a (quiet) NaN.
inline uint16_t floatToBf16(float f) {
  uint32_t u = floatBits(f);
  if ((u & 0x7fffffffu) > 0x7f800000u)
    return static_cast<uint16_t>((u >> 16) | 0x0040u);
  uint32_t lsb = (u >> 16) & 1u;
  u += 0x7fffu + lsb;
  return static_cast<uint16_t>(u >> 16);
}

inline float bf16ToFloat(uint16_t h) {
  return bitsToFloat(static_cast<uint32_t>(h) << 16);
}

/// f32 → IEEE binary16 bits, round to nearest even, overflow to infinity,
/// gradual underflow to subnormals; NaN stays a (quiet) NaN.
inline uint16_t floatToF16(float f) {
  uint32_t u = floatBits(f);
  uint16_t sign = static_cast<uint16_t>((u >> 16) & 0x8000u);
  uint32_t abs = u & 0x7fffffffu;
  if (abs > 0x7f800000u)
    return sign | 0x7e00u;
  if (abs >= 0x477ff000u) // rounds to >= 65520: infinity
    return sign | 0x7c00u;
  if (abs < 0x38800000u) { // below 2^-14: subnormal or zero
    // Scale so the subnormal unit 2^-24 becomes 1, then round the integer.
    float scaled = bitsToFloat(abs) * 16777216.0f; // exact: power of two
    uint32_t whole = static_cast<uint32_t>(scaled);
    float frac = scaled - static_cast<float>(whole);
    if (frac > 0.5f || (frac == 0.5f && (whole & 1u)))
      ++whole;
    return sign | static_cast<uint16_t>(whole);
  }
  // Normal: rebias the exponent (127 → 15) and round 23 → 10 mantissa bits.
  uint32_t rebased = abs - 0x38000000u;
  uint32_t lsb = (rebased >> 13) & 1u;
  rebased += 0xfffu + lsb;
  return sign | static_cast<uint16_t>(rebased >> 13);
}

inline float f16ToFloat(uint16_t h) {
  uint32_t sign = static_cast<uint32_t>(h & 0x8000u) << 16;
  uint32_t exp = (h >> 10) & 0x1fu;
  uint32_t mant = h & 0x3ffu;
  if (exp == 0) // zero or subnormal: mant * 2^-24, exact in f32
    return bitsToFloat(sign) + (sign ? -1.0f : 1.0f) *
                                   static_cast<float>(mant) * 5.9604645e-8f;
  if (exp == 31)
    return bitsToFloat(sign | 0x7f800000u | (mant << 13));
  return bitsToFloat(sign | ((exp + 112u) << 23) | (mant << 13));
}

/// double → float rounded to odd: the float toward zero with its lowest bit
/// set when the conversion is inexact. Rounding that float to any format with
/// at least two fewer mantissa bits gives the correctly rounded result of the
/// original double (no double-rounding error), which is how doubleToBf16 and
/// doubleToF16 round once.
inline float doubleToFloatRoundToOdd(double d) {
  float f = static_cast<float>(d);
  if (!(static_cast<double>(f) != d) || d != d)
    return f; // exact, or NaN
  if (std::fabs(static_cast<double>(f)) > std::fabs(d))
    f = std::nextafter(f, 0.0f); // truncate toward zero
  return bitsToFloat(floatBits(f) | 1u);
}

} // namespace kiln::float16

#endif // KILN_FLOAT16_BITS_H
