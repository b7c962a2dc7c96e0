//===- EvalReduction.cpp - reductions, argmax, cumsum, topk, softmax, norms ===//
//
// Everything that reduces along axes. Accumulation is in double; each result
// element is rounded once.
//
//===----------------------------------------------------------------------===//

#include "RefTensor.h"

#include "kiln/Dialect/Kiln/KilnOps.h"

#include "llvm/ADT/TypeSwitch.h"

#include <algorithm>
#include <cmath>
#include <numeric>

using namespace mlir;
namespace kd = mlir::kiln;

namespace kiln::ref {
namespace {

/// The elements of x grouped by "row": each row holds the linear indices of
/// x that share every coordinate outside `axes`. Rows are ordered by the
/// remaining coordinates (row-major), elements within a row by the reduced
/// coordinates (row-major), which is the order cumsum / topk / argmax use.
std::vector<std::vector<int64_t>> rowsOver(const RefTensor &x,
                                           llvm::ArrayRef<int64_t> axes) {
  llvm::SmallVector<int64_t> keptShape, keptDims;
  for (int64_t d = 0; d < x.rank(); ++d)
    if (!llvm::is_contained(axes, d)) {
      keptDims.push_back(d);
      keptShape.push_back(x.dim(d));
    }
  int64_t rowCount = 1;
  for (int64_t s : keptShape)
    rowCount *= s;
  std::vector<std::vector<int64_t>> rows(rowCount);
  llvm::SmallVector<int64_t> index;
  for (int64_t i = 0; i < x.size(); ++i) {
    unravel(i, x.shape(), index);
    int64_t row = 0;
    for (size_t k = 0; k < keptDims.size(); ++k)
      row = row * keptShape[k] + index[keptDims[k]];
    rows[row].push_back(i);
  }
  return rows;
}

llvm::SmallVector<int64_t> normAxes(llvm::ArrayRef<int64_t> axes, int64_t rank) {
  llvm::SmallVector<int64_t> out;
  for (int64_t a : axes)
    out.push_back(normAxis(a, rank));
  return out;
}

/// reduce_* : one result element per row.
EvalResult reduce(Operation *op, const RefTensor &x,
                  llvm::ArrayRef<int64_t> axes, StringRef kind) {
  RefTensor t(cast<RankedTensorType>(op->getResult(0).getType()));
  auto rows = rowsOver(x, normAxes(axes, x.rank()));
  bool isFloat = isa<FloatType>(x.elementType());
  for (size_t r = 0; r < rows.size(); ++r) {
    const auto &row = rows[r];
    double acc;
    if (kind == "sum" || kind == "mean") {
      acc = 0;
      for (int64_t i : row)
        acc += x.data[i];
      if (kind == "mean") {
        acc /= static_cast<double>(row.size());
        if (!isFloat)
          acc = std::nearbyint(acc);
      }
    } else {
      bool isMax = kind == "max";
      acc = isMax ? -INFINITY : INFINITY;
      for (int64_t i : row) {
        double v = x.data[i];
        if (std::isnan(v)) {
          acc = v;
          break;
        }
        acc = isMax ? std::max(acc, v) : std::min(acc, v);
      }
    }
    t.data[r] = acc;
  }
  roundAll(t);
  return Results{std::move(t)};
}

/// a > b in PyTorch's order for max-like selection: NaN is largest.
bool greater(double a, double b) {
  if (std::isnan(a))
    return !std::isnan(b);
  if (std::isnan(b))
    return false;
  return a > b;
}

EvalResult argmax(kd::ArgmaxOp op, const RefTensor &x) {
  RefTensor t(op.getType());
  int64_t axis = normAxis(static_cast<int64_t>(op.getAxis()), x.rank());
  auto rows = rowsOver(x, {axis});
  for (size_t r = 0; r < rows.size(); ++r) {
    int64_t best = 0;
    for (size_t k = 1; k < rows[r].size(); ++k)
      if (greater(x.data[rows[r][k]], x.data[rows[r][best]]))
        best = static_cast<int64_t>(k);
    t.data[r] = static_cast<double>(best);
  }
  return Results{std::move(t)};
}

EvalResult cumsum(kd::CumsumOp op, const RefTensor &x) {
  RefTensor t(op.getType());
  int64_t axis = normAxis(static_cast<int64_t>(op.getAxis()), x.rank());
  for (const auto &row : rowsOver(x, {axis})) {
    double acc = 0;
    for (int64_t i : row) {
      acc += x.data[i];
      t.data[i] = acc;
    }
  }
  roundAll(t);
  return Results{std::move(t)};
}

EvalResult topk(kd::TopkOp op, const RefTensor &x) {
  RefTensor values(op.getValues().getType()), indices(op.getIndices().getType());
  int64_t axis = normAxis(static_cast<int64_t>(op.getAxis()), x.rank());
  int64_t k = static_cast<int64_t>(op.getK());
  auto inRows = rowsOver(x, {axis});
  auto outRows = rowsOver(values, {axis});
  for (size_t r = 0; r < inRows.size(); ++r) {
    const auto &row = inRows[r];
    std::vector<int64_t> order(row.size());
    std::iota(order.begin(), order.end(), 0);
    // Descending; ties keep the lower index first (stable sort).
    std::stable_sort(order.begin(), order.end(), [&](int64_t a, int64_t b) {
      return greater(x.data[row[a]], x.data[row[b]]);
    });
    for (int64_t j = 0; j < k; ++j) {
      values.data[outRows[r][j]] = x.data[row[order[j]]];
      indices.data[outRows[r][j]] = static_cast<double>(order[j]);
    }
  }
  return Results{std::move(values), std::move(indices)};
}

EvalResult softmax(Operation *op, const RefTensor &x, int64_t axisAttr,
                   bool log) {
  RefTensor t(cast<RankedTensorType>(op->getResult(0).getType()));
  int64_t axis = normAxis(axisAttr, x.rank());
  for (const auto &row : rowsOver(x, {axis})) {
    double m = -INFINITY;
    for (int64_t i : row)
      m = std::max(m, x.data[i]);
    double sum = 0;
    for (int64_t i : row)
      sum += std::exp(x.data[i] - m);
    for (int64_t i : row)
      t.data[i] = log ? x.data[i] - m - std::log(sum)
                      : std::exp(x.data[i] - m) / sum;
  }
  roundAll(t);
  return Results{std::move(t)};
}

//===----------------------------------------------------------------------===//
// Normalization
//===----------------------------------------------------------------------===//

/// (x − mean)/sqrt(var + eps) over each group of indices (biased variance),
/// or x·rsqrt(mean(x²) + eps) when `rms`.
void normalizeGroups(const RefTensor &x, RefTensor &t,
                     const std::vector<std::vector<int64_t>> &groups,
                     double eps, bool rms) {
  for (const auto &group : groups) {
    double n = static_cast<double>(group.size());
    double mean = 0, sq = 0;
    for (int64_t i : group)
      mean += x.data[i];
    mean /= n;
    for (int64_t i : group) {
      double d = rms ? x.data[i] : x.data[i] - mean;
      sq += d * d;
    }
    double scale = 1.0 / std::sqrt(sq / n + eps);
    for (int64_t i : group)
      t.data[i] = (rms ? x.data[i] : x.data[i] - mean) * scale;
  }
  roundAll(t);
}

EvalResult groupNorm(kd::GroupNormOp op, const RefTensor &x) {
  RefTensor t(op.getType());
  int64_t groups = static_cast<int64_t>(op.getNumGroups());
  int64_t n = x.dim(0), c = x.dim(1);
  int64_t perChannel = x.size() / std::max<int64_t>(n * c, 1);
  int64_t perGroup = c / groups * perChannel;
  std::vector<std::vector<int64_t>> sets(n * groups);
  for (int64_t i = 0; i < x.size(); ++i)
    sets[i / perGroup].push_back(i); // [N, G, C/G, spatial] is contiguous
  normalizeGroups(x, t, sets, op.getEps().convertToDouble(), false);
  return Results{std::move(t)};
}

EvalResult rmsNorm(kd::RmsNormOp op, const RefTensor &x) {
  RefTensor t(op.getType());
  int64_t groupSize = static_cast<int64_t>(op.getGroupSize());
  std::vector<std::vector<int64_t>> sets;
  if (groupSize > 0) {
    sets.resize(x.size() / groupSize);
    for (int64_t i = 0; i < x.size(); ++i)
      sets[i / groupSize].push_back(i); // runs of the last axis
  } else {
    sets = rowsOver(x, normAxes(op.getAxes(), x.rank()));
  }
  normalizeGroups(x, t, sets, op.getEps().convertToDouble(), true);
  return Results{std::move(t)};
}

} // namespace

std::optional<EvalResult> evalReductionOp(Operation *op, Operands args) {
  using R = std::optional<EvalResult>;
  return llvm::TypeSwitch<Operation *, R>(op)
      .Case([&](kd::ReduceSumOp o) -> R {
        return reduce(op, *args[0], o.getAxes(), "sum");
      })
      .Case([&](kd::ReduceMeanOp o) -> R {
        return reduce(op, *args[0], o.getAxes(), "mean");
      })
      .Case([&](kd::ReduceMaxOp o) -> R {
        return reduce(op, *args[0], o.getAxes(), "max");
      })
      .Case([&](kd::ReduceMinOp o) -> R {
        return reduce(op, *args[0], o.getAxes(), "min");
      })
      .Case([&](kd::ArgmaxOp o) -> R { return argmax(o, *args[0]); })
      .Case([&](kd::CumsumOp o) -> R { return cumsum(o, *args[0]); })
      .Case([&](kd::TopkOp o) -> R { return topk(o, *args[0]); })
      .Case([&](kd::SoftmaxOp o) -> R {
        return softmax(op, *args[0], static_cast<int64_t>(o.getAxis()), false);
      })
      .Case([&](kd::LogSoftmaxOp o) -> R {
        return softmax(op, *args[0], static_cast<int64_t>(o.getAxis()), true);
      })
      .Default([](Operation *) -> R { return std::nullopt; });
}

std::optional<EvalResult> evalNormOp(Operation *op, Operands args) {
  using R = std::optional<EvalResult>;
  return llvm::TypeSwitch<Operation *, R>(op)
      .Case([&](kd::LayerNormOp o) -> R {
        RefTensor t(o.getType());
        normalizeGroups(*args[0], t,
                        rowsOver(*args[0], normAxes(o.getAxes(), args[0]->rank())),
                        o.getEps().convertToDouble(), false);
        return EvalResult(Results{std::move(t)});
      })
      .Case([&](kd::GroupNormOp o) -> R { return groupNorm(o, *args[0]); })
      .Case([&](kd::RmsNormOp o) -> R { return rmsNorm(o, *args[0]); })
      .Default([](Operation *) -> R { return std::nullopt; });
}

} // namespace kiln::ref
