//===- EvalScanQuant.cpp - selective scan and block-wise quantization -----===//

#include "RefTensor.h"

#include "kiln/Dialect/Kiln/KilnOps.h"

#include "llvm/ADT/TypeSwitch.h"

#include <cmath>

using namespace mlir;
namespace kd = mlir::kiln;

namespace kiln::ref {
namespace {

EvalResult selectiveScan(kd::SelectiveScanOp op, Operands args) {
  const RefTensor &u = *args[0], &delta = *args[1], &a = *args[2],
                  &bm = *args[3], &cm = *args[4], &h0 = *args[5];
  RefTensor y(op.getY().getType()), hLast(op.getHLast().getType());
  int64_t batch = u.dim(0), e = u.dim(1), len = u.dim(2), n = a.dim(1),
          groups = bm.dim(1);
  llvm::SmallVector<double> h(n);
  for (int64_t b = 0; b < batch; ++b)
    for (int64_t c = 0; c < e; ++c) {
      int64_t g = c / (e / groups);
      for (int64_t s = 0; s < n; ++s)
        h[s] = h0.data[(b * e + c) * n + s];
      for (int64_t t = 0; t < len; ++t) {
        double dt = delta.data[(b * e + c) * len + t];
        double ut = u.data[(b * e + c) * len + t];
        double acc = 0;
        for (int64_t s = 0; s < n; ++s) {
          double bt = bm.data[((b * groups + g) * n + s) * len + t];
          double ct = cm.data[((b * groups + g) * n + s) * len + t];
          h[s] = std::exp(dt * a.data[c * n + s]) * h[s] + dt * bt * ut;
          acc += h[s] * ct;
        }
        y.data[(b * e + c) * len + t] = acc;
      }
      for (int64_t s = 0; s < n; ++s)
        hLast.data[(b * e + c) * n + s] = h[s];
    }
  roundAll(y);
  roundAll(hLast);
  return Results{std::move(y), std::move(hLast)};
}

/// Index of the scale that serves element `i` of a tensor blocked by
/// `block` along `axis`.
int64_t scaleIndex(int64_t i, llvm::ArrayRef<int64_t> shape, int64_t axis,
                   int64_t block) {
  llvm::SmallVector<int64_t> index;
  unravel(i, shape, index);
  int64_t linear = 0;
  for (size_t d = 0; d < shape.size(); ++d) {
    int64_t size = int64_t(d) == axis ? shape[d] / block : shape[d];
    int64_t at = int64_t(d) == axis ? index[d] / block : index[d];
    linear = linear * size + at;
  }
  return linear;
}

EvalResult quantize(kd::QuantizeOp op, const RefTensor &w) {
  RefTensor q(op.getQ().getType()), scales(op.getScales().getType());
  int64_t axis = normAxis(static_cast<int64_t>(op.getAxis()), w.rank());
  int64_t block = static_cast<int64_t>(op.getBlockSize());
  int64_t bits = static_cast<int64_t>(op.getBits());
  double qmax = std::ldexp(1.0, bits - 1);
  double divisor = op.getScheme() == "deepspeed" ? qmax : qmax - 1;
  std::vector<double> amax(scales.size(), 0.0);
  for (int64_t i = 0; i < w.size(); ++i) {
    int64_t s = scaleIndex(i, w.shape(), axis, block);
    amax[s] = std::max(amax[s], std::fabs(w.data[i]));
  }
  for (int64_t s = 0; s < scales.size(); ++s)
    scales.data[s] = amax[s] == 0 ? 1.0 : roundTo(scales.elementType(),
                                                  amax[s] / divisor);
  for (int64_t i = 0; i < w.size(); ++i) {
    double r = std::nearbyint(w.data[i] /
                              scales.data[scaleIndex(i, w.shape(), axis, block)]);
    q.data[i] = std::min(std::max(r, -qmax), qmax - 1);
  }
  return Results{std::move(q), std::move(scales)};
}

EvalResult dequantize(kd::DequantizeOp op, const RefTensor &q,
                      const RefTensor &scales) {
  RefTensor t(op.getType());
  int64_t axis = normAxis(static_cast<int64_t>(op.getAxis()), q.rank());
  int64_t block = static_cast<int64_t>(op.getBlockSize());
  for (int64_t i = 0; i < q.size(); ++i)
    t.data[i] = q.data[i] * scales.data[scaleIndex(i, q.shape(), axis, block)];
  roundAll(t);
  return Results{std::move(t)};
}

EvalResult qmatmul(kd::QmatmulOp op, const RefTensor &x, const RefTensor &q,
                   const RefTensor &scales) {
  RefTensor t(op.getType());
  bool tb = op.getTransposeB();
  int64_t block = static_cast<int64_t>(op.getBlockSize());
  int64_t k = x.dim(x.rank() - 1), n = t.dim(t.rank() - 1);
  int64_t rows = x.size() / std::max<int64_t>(k, 1);
  // The dequantized weight as [K, N].
  std::vector<double> w(k * n);
  for (int64_t kk = 0; kk < k; ++kk)
    for (int64_t nn = 0; nn < n; ++nn)
      w[kk * n + nn] =
          tb ? q.data[nn * k + kk] * scales.data[nn * (k / block) + kk / block]
             : q.data[kk * n + nn] * scales.data[(kk / block) * n + nn];
  for (int64_t r = 0; r < rows; ++r)
    for (int64_t nn = 0; nn < n; ++nn) {
      double acc = 0;
      for (int64_t kk = 0; kk < k; ++kk)
        acc += x.data[r * k + kk] * w[kk * n + nn];
      t.data[r * n + nn] = acc;
    }
  roundAll(t);
  return Results{std::move(t)};
}

} // namespace

std::optional<EvalResult> evalScanQuantOp(Operation *op, Operands args) {
  using R = std::optional<EvalResult>;
  return llvm::TypeSwitch<Operation *, R>(op)
      .Case([&](kd::SelectiveScanOp o) -> R { return selectiveScan(o, args); })
      .Case([&](kd::QuantizeOp o) -> R { return quantize(o, *args[0]); })
      .Case([&](kd::DequantizeOp o) -> R {
        return dequantize(o, *args[0], *args[1]);
      })
      .Case([&](kd::QmatmulOp o) -> R {
        return qmatmul(o, *args[0], *args[1], *args[2]);
      })
      .Default([](Operation *) -> R { return std::nullopt; });
}

} // namespace kiln::ref
