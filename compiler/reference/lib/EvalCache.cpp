//===- EvalCache.cpp - decode-time cache ops and FastGen profiling --------===//

#include "RefTensor.h"

#include "kiln/Dialect/Kiln/KilnOps.h"

#include "llvm/ADT/TypeSwitch.h"

#include <cmath>

using namespace mlir;
namespace kd = mlir::kiln;

namespace kiln::ref {
namespace {

std::string str(double v) { return std::to_string(static_cast<int64_t>(v)); }

EvalResult kvCacheWrite(kd::KvCacheWriteOp op, const RefTensor &cache,
                        const RefTensor &update, const RefTensor &pos) {
  RefTensor t(op.getType());
  t.data = cache.data;
  int64_t batch = cache.dim(0), heads = cache.dim(1), cap = cache.dim(2),
          d = cache.dim(3), rows = update.dim(2);
  for (int64_t b = 0; b < batch; ++b)
    for (int64_t h = 0; h < heads; ++h) {
      double p = pos.data[b * heads + h];
      if (p < 0 || p + rows > cap)
        return opError(op, "head (" + std::to_string(b) + ", " +
                               std::to_string(h) + ") writes rows " + str(p) +
                               ".." + str(p + rows - 1) +
                               ", outside the cache capacity of " +
                               std::to_string(cap) + " rows");
      for (int64_t r = 0; r < rows; ++r)
        for (int64_t c = 0; c < d; ++c)
          t.data[((b * heads + h) * cap + int64_t(p) + r) * d + c] =
              update.data[((b * heads + h) * rows + r) * d + c];
    }
  return Results{std::move(t)};
}

/// Softmax-weighted attention of one query over keys [0, count) of a head.
void attendRow(const double *q, const double *keys, const double *values,
               int64_t count, int64_t d, int64_t dv, double scale,
               double *out) {
  llvm::SmallVector<double> p(count);
  llvm::SmallVector<bool> allowed(count, true);
  for (int64_t j = 0; j < count; ++j) {
    double dot = 0;
    for (int64_t c = 0; c < d; ++c)
      dot += q[c] * keys[j * d + c];
    p[j] = scale * dot;
  }
  maskedSoftmax(p, allowed);
  for (int64_t j = 0; j < count; ++j)
    for (int64_t c = 0; c < dv; ++c)
      out[c] += p[j] * values[j * dv + c];
}

EvalResult decodeAttention(kd::DecodeAttentionOp op, Operands args) {
  const RefTensor &q = *args[0], &k = *args[1], &v = *args[2],
                  &lens = *args[3];
  RefTensor t(op.getType());
  int64_t batch = q.dim(0), hq = q.dim(1), rows = q.dim(2), d = q.dim(3);
  int64_t hk = k.dim(1), cap = k.dim(2), dv = v.dim(3);
  double scale = op.getScale().convertToDouble();
  for (int64_t b = 0; b < batch; ++b)
    for (int64_t h = 0; h < hq; ++h) {
      int64_t kvh = h / (hq / hk);
      double len = lens.data[b * hk + kvh];
      if (len < rows || len > cap)
        return opError(op, "lens[" + std::to_string(b) + ", " +
                               std::to_string(kvh) + "] = " + str(len) +
                               " must lie in [" + std::to_string(rows) +
                               ", " + std::to_string(cap) +
                               "] (the new rows .. the capacity)");
      for (int64_t r = 0; r < rows; ++r) {
        int64_t position = int64_t(len) - rows + r;
        attendRow(&q.data[((b * hq + h) * rows + r) * d],
                  &k.data[(b * hk + kvh) * cap * d],
                  &v.data[(b * hk + kvh) * cap * dv], position + 1, d, dv,
                  scale, &t.data[((b * hq + h) * rows + r) * dv]);
      }
    }
  roundAll(t);
  return Results{std::move(t)};
}

EvalResult kvCacheCompact(kd::KvCacheCompactOp op, const RefTensor &cache,
                          const RefTensor &keep) {
  RefTensor t(op.getResult().getType()), lens(op.getLens().getType());
  int64_t batch = cache.dim(0), heads = cache.dim(1), cap = cache.dim(2),
          d = cache.dim(3);
  for (int64_t bh = 0; bh < batch * heads; ++bh) {
    int64_t kept = 0;
    for (int64_t j = 0; j < cap; ++j) {
      if (keep.data[bh * cap + j] == 0)
        continue;
      for (int64_t c = 0; c < d; ++c)
        t.data[(bh * cap + kept) * d + c] = cache.data[(bh * cap + j) * d + c];
      ++kept;
    }
    lens.data[bh] = static_cast<double>(kept);
  }
  return Results{std::move(t), std::move(lens)};
}

/// The attention matrix A of one (b, h) head: softmax(scale·q·kᵀ) over the
/// allowed keys (j ≤ i when causal), row-major L × L.
std::vector<double> attentionMatrix(const RefTensor &q, const RefTensor &k,
                                    int64_t b, int64_t h, double scale,
                                    bool causal) {
  int64_t hq = q.dim(1), len = q.dim(2), d = q.dim(3), hk = k.dim(1);
  int64_t kvh = h / (hq / hk);
  std::vector<double> a(len * len, 0.0);
  llvm::SmallVector<double> p(len);
  llvm::SmallVector<bool> allowed(len);
  for (int64_t i = 0; i < len; ++i) {
    const double *qi = &q.data[((b * hq + h) * len + i) * d];
    for (int64_t j = 0; j < len; ++j) {
      const double *kj = &k.data[((b * hk + kvh) * len + j) * d];
      double dot = 0;
      for (int64_t c = 0; c < d; ++c)
        dot += qi[c] * kj[c];
      p[j] = scale * dot;
      allowed[j] = !causal || j <= i;
    }
    maskedSoftmax(p, allowed);
    std::copy(p.begin(), p.end(), a.begin() + i * len);
  }
  return a;
}

EvalResult attentionMass(kd::AttentionMassOp op, const RefTensor &q,
                         const RefTensor &k, const RefTensor &keep) {
  RefTensor t(op.getType());
  int64_t policies = keep.dim(0), batch = q.dim(0), hq = q.dim(1),
          len = q.dim(2), hk = k.dim(1);
  double scale = op.getScale().convertToDouble();
  for (int64_t b = 0; b < batch; ++b)
    for (int64_t h = 0; h < hq; ++h) {
      int64_t kvh = h / (hq / hk);
      std::vector<double> a =
          attentionMatrix(q, k, b, h, scale, op.getCausal());
      for (int64_t p = 0; p < policies; ++p) {
        const double *kept = &keep.data[((p * batch + b) * hk + kvh) * len];
        double total = 0;
        for (int64_t i = 0; i < len; ++i)
          for (int64_t j = 0; j < len; ++j)
            if (kept[j] != 0)
              total += a[i * len + j];
        t.data[(p * batch + b) * hq + h] = total / double(len);
      }
    }
  roundAll(t);
  return Results{std::move(t)};
}

EvalResult attentionColsum(kd::AttentionColsumOp op, const RefTensor &q,
                           const RefTensor &k) {
  RefTensor t(op.getType());
  int64_t batch = q.dim(0), hq = q.dim(1), len = q.dim(2);
  double scale = op.getScale().convertToDouble();
  for (int64_t b = 0; b < batch; ++b)
    for (int64_t h = 0; h < hq; ++h) {
      std::vector<double> a =
          attentionMatrix(q, k, b, h, scale, op.getCausal());
      for (int64_t j = 0; j < len; ++j) {
        double sum = 0;
        for (int64_t i = 0; i < len; ++i)
          sum += a[i * len + j];
        t.data[(b * hq + h) * len + j] = sum;
      }
    }
  roundAll(t);
  return Results{std::move(t)};
}

} // namespace

std::optional<EvalResult> evalCacheOp(Operation *op, Operands args) {
  using R = std::optional<EvalResult>;
  return llvm::TypeSwitch<Operation *, R>(op)
      .Case([&](kd::KvCacheWriteOp o) -> R {
        return kvCacheWrite(o, *args[0], *args[1], *args[2]);
      })
      .Case([&](kd::DecodeAttentionOp o) -> R {
        return decodeAttention(o, args);
      })
      .Case([&](kd::KvCacheCompactOp o) -> R {
        return kvCacheCompact(o, *args[0], *args[1]);
      })
      .Case([&](kd::AttentionMassOp o) -> R {
        return attentionMass(o, *args[0], *args[1], *args[2]);
      })
      .Case([&](kd::AttentionColsumOp o) -> R {
        return attentionColsum(o, *args[0], *args[1]);
      })
      .Default([](Operation *) -> R { return std::nullopt; });
}

} // namespace kiln::ref
