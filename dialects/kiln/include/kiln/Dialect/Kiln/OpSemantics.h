//===- OpSemantics.h - per-op tables shared by interpreter and codegen ----===//
//
// Quantities that depend only on an op's attributes and static shapes and
// that both the reference interpreter and code generation need: resize taps
// (PyTorch's index and weight rules) and rope frequencies (ops.md's scalings).
// Computing them once, here, keeps the two from drifting apart; generated
// kernels embed the tables as constants.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECT_KILN_OPSEMANTICS_H
#define KILN_DIALECT_KILN_OPSEMANTICS_H

#include "kiln/Dialect/Kiln/KilnOps.h"

#include "llvm/ADT/SmallVector.h"

#include <algorithm>
#include <cmath>

namespace mlir::kiln::semantics {

/// Source indices and weights of one output coordinate of a resize axis.
struct Taps {
  llvm::SmallVector<int64_t, 8> index;
  llvm::SmallVector<double, 8> weight;
};

inline double cubicWeight(double x, double a) {
  x = std::fabs(x);
  if (x <= 1)
    return ((a + 2) * x - (a + 3)) * x * x + 1;
  if (x < 2)
    return ((a * x - 5 * a) * x + 8 * a) * x - 4 * a;
  return 0;
}

/// PyTorch's F.interpolate taps for output position `o` of `out` from `in`
/// (docs/reference-semantics.md, resize).
inline Taps resizeTaps(llvm::StringRef mode, bool alignCorners, bool antialias,
                       int64_t in, int64_t out, int64_t o) {
  Taps taps;
  auto clampIdx = [in](int64_t i) {
    return std::min(std::max<int64_t>(i, 0), in - 1);
  };
  if (mode == "nearest") {
    // PyTorch's legacy nearest computes the scale and the product in float.
    float scale = static_cast<float>(in) / static_cast<float>(out);
    int64_t src = out == in       ? o
                  : out == 2 * in ? o >> 1
                                  : static_cast<int64_t>(std::floor(
                                        static_cast<float>(o) * scale));
    taps.index.push_back(std::min<int64_t>(src, in - 1));
    taps.weight.push_back(1.0);
    return taps;
  }
  bool bicubic = mode == "bicubic";
  if (antialias) {
    double scale = alignCorners ? (out > 1 ? double(in - 1) / (out - 1) : 0.0)
                                : double(in) / out;
    double support = (bicubic ? 2.0 : 1.0) * std::max(scale, 1.0);
    double center = scale * (o + 0.5);
    double invScale = scale >= 1.0 ? 1.0 / scale : 1.0;
    int64_t lo =
        std::max<int64_t>(static_cast<int64_t>(center - support + 0.5), 0);
    int64_t hi =
        std::min<int64_t>(static_cast<int64_t>(center + support + 0.5), in);
    double total = 0;
    for (int64_t j = lo; j < hi; ++j) {
      double x = (j - center + 0.5) * invScale;
      double w = bicubic ? cubicWeight(x, -0.5)
                         : std::max(0.0, 1.0 - std::fabs(x));
      taps.index.push_back(j);
      taps.weight.push_back(w);
      total += w;
    }
    if (total != 0)
      for (double &w : taps.weight)
        w /= total;
    return taps;
  }
  double src = alignCorners ? (out > 1 ? o * double(in - 1) / (out - 1) : 0.0)
                            : (o + 0.5) * double(in) / out - 0.5;
  if (!bicubic) {
    if (!alignCorners && src < 0)
      src = 0;
    int64_t i0 = static_cast<int64_t>(std::floor(src));
    double f = src - i0;
    taps.index = {clampIdx(i0), clampIdx(i0 + 1)};
    taps.weight = {1 - f, f};
    return taps;
  }
  int64_t i0 = static_cast<int64_t>(std::floor(src));
  double f = src - i0;
  for (int k = -1; k <= 2; ++k) {
    taps.index.push_back(clampIdx(i0 + k));
    taps.weight.push_back(cubicWeight(f - k, -0.75));
  }
  return taps;
}

/// Per-pair frequencies θ'ᵢ (i < rotary/2) and the magnitude m of ops.md's
/// rope scalings (none, linear, ntk, yarn).
inline void ropeFrequencies(RopeOp op, int64_t rotary,
                            llvm::SmallVectorImpl<double> &freq, double &m) {
  double theta = op.getTheta().convertToDouble();
  double factor = op.getFactor().convertToDouble();
  llvm::StringRef scaling = op.getScaling();
  int64_t half = rotary / 2;
  if (scaling == "ntk")
    theta *= std::pow(factor, double(rotary) / double(rotary - 2));
  m = 1.0;
  for (int64_t i = 0; i < half; ++i)
    freq.push_back(std::pow(theta, -2.0 * double(i) / double(rotary)));
  if (scaling == "linear")
    for (double &f : freq)
      f /= factor;
  if (scaling != "yarn")
    return;
  double l0 = static_cast<double>(op.getOriginalMaxPositions());
  auto dimOf = [&](double r) {
    return rotary * std::log(l0 / (2 * M_PI * r)) / (2 * std::log(theta));
  };
  double low = dimOf(op.getBetaFast().convertToDouble());
  double high = dimOf(op.getBetaSlow().convertToDouble());
  if (op.getTruncate()) {
    low = std::floor(low);
    high = std::ceil(high);
  }
  low = std::max(low, 0.0);
  high = std::min(high, double(rotary - 1));
  if (low == high)
    high += 0.001;
  for (int64_t i = 0; i < half; ++i) {
    double gamma = std::min(std::max((i - low) / (high - low), 0.0), 1.0);
    freq[i] = freq[i] / factor * gamma + freq[i] * (1 - gamma);
  }
  double af = op.getAttentionFactor().convertToDouble();
  m = af > 0 ? af : (factor <= 1 ? 1.0 : 0.1 * std::log(factor) + 1.0);
}

} // namespace mlir::kiln::semantics

#endif // KILN_DIALECT_KILN_OPSEMANTICS_H
