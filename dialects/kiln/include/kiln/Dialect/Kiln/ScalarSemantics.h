//===- ScalarSemantics.h - per-element formulas of kiln ops ---------------===//
//
// The scalar formulas that both constant folding (KilnFolds.cpp) and the
// reference interpreter evaluate, in double, so the two can never disagree.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECT_KILN_SCALARSEMANTICS_H
#define KILN_DIALECT_KILN_SCALARSEMANTICS_H

#include <cmath>
#include <cstdint>

namespace mlir::kiln::scalar {

/// PyTorch F.gelu: exact (erf) or the tanh approximation.
inline double gelu(double x, bool tanhApprox) {
  if (tanhApprox)
    return 0.5 * x *
           (1.0 + std::tanh(std::sqrt(2.0 / M_PI) * (x + 0.044715 * x * x * x)));
  return 0.5 * x * (1.0 + std::erf(x / std::sqrt(2.0)));
}

/// PyTorch F.softplus: x where β·x > threshold, else log1p(exp(β·x))/β.
inline double softplus(double x, double beta, double threshold) {
  return beta * x > threshold ? x : std::log1p(std::exp(beta * x)) / beta;
}

inline double sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }
inline double silu(double x) { return x / (1.0 + std::exp(-x)); }
/// relu keeps NaN (x < 0 is false for NaN).
inline double relu(double x) { return x < 0 ? 0.0 : x; }

/// max / min that propagate NaN (torch.maximum / torch.minimum).
inline double maximum(double a, double b) {
  return std::isnan(a) || std::isnan(b) ? NAN : (a > b ? a : b);
}
inline double minimum(double a, double b) {
  return std::isnan(a) || std::isnan(b) ? NAN : (a < b ? a : b);
}

/// float → signed integer of `width` bits (2…64): round half to even,
/// saturate, NaN → 0. The bounds are compared in double before converting
/// (2^63 − 1 is not a double).
inline int64_t floatToInt(double v, unsigned width) {
  if (std::isnan(v))
    return 0;
  double limit = std::ldexp(1.0, static_cast<int>(width) - 1);
  int64_t maxValue = static_cast<int64_t>((uint64_t(1) << (width - 1)) - 1);
  double r = std::nearbyint(v); // the default rounding mode: half to even
  if (r >= limit)
    return maxValue;
  if (r < -limit)
    return -maxValue - 1;
  return static_cast<int64_t>(r);
}

} // namespace mlir::kiln::scalar

#endif // KILN_DIALECT_KILN_SCALARSEMANTICS_H
