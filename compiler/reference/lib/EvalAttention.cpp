//===- EvalAttention.cpp - attention and rotary position embeddings -------===//

#include "RefTensor.h"

#include "kiln/Dialect/Kiln/KilnOps.h"
#include "kiln/Dialect/Kiln/OpSemantics.h"

#include "llvm/ADT/TypeSwitch.h"

#include <cmath>

using namespace mlir;
namespace kd = mlir::kiln;

namespace kiln::ref {
namespace {

EvalResult attention(kd::AttentionOp op, Operands args) {
  const RefTensor &q = *args[0], &k = *args[1], &v = *args[2];
  const RefTensor *mask = args.size() > 3 ? args[3] : nullptr;
  RefTensor t(op.getType());
  int64_t batch = q.dim(0), hq = q.dim(1), lq = q.dim(2), d = q.dim(3);
  int64_t hk = k.dim(1), lk = k.dim(2), dv = v.dim(3);
  int64_t offset = lk - lq, window = static_cast<int64_t>(op.getWindow());
  int64_t g = static_cast<int64_t>(op.getS2Group());
  bool causal = op.getCausal();
  bool boolMask = mask && mask->elementType().isInteger(1);
  double scale = op.getScale().convertToDouble();
  llvm::SmallVector<double> p(lk);
  llvm::SmallVector<bool> allowed(lk);
  llvm::SmallVector<int64_t> maskIndex(4);
  for (int64_t b = 0; b < batch; ++b)
    for (int64_t h = 0; h < hq; ++h) {
      int64_t kvh = h / (hq / hk);
      for (int64_t i = 0; i < lq; ++i) {
        const double *qi = &q.data[((b * hq + h) * lq + i) * d];
        for (int64_t j = 0; j < lk; ++j) {
          bool ok = true;
          if (causal && j > i + offset)
            ok = false;
          if (window > 0 && j <= i + offset - window)
            ok = false;
          if (g > 0) {
            bool shifted = h >= hq / 2;
            int64_t gi = shifted ? (i + g / 2) / g : i / g;
            int64_t gj = shifted ? (j + g / 2) / g : j / g;
            ok = ok && gi == gj;
          }
          double bias = 0;
          if (mask) {
            maskIndex = {b, h, i, j};
            double mv = mask->data[broadcastIndex(maskIndex, mask->shape())];
            if (boolMask)
              ok = ok && mv != 0;
            else if (mv == -INFINITY)
              ok = false;
            else
              bias = mv;
          }
          const double *kj = &k.data[((b * hk + kvh) * lk + j) * d];
          double dot = 0;
          for (int64_t c = 0; c < d; ++c)
            dot += qi[c] * kj[c];
          p[j] = scale * dot + bias;
          allowed[j] = ok;
        }
        maskedSoftmax(p, allowed);
        double *out = &t.data[((b * hq + h) * lq + i) * dv];
        for (int64_t j = 0; j < lk; ++j) {
          if (p[j] == 0)
            continue;
          const double *vj = &v.data[((b * hk + kvh) * lk + j) * dv];
          for (int64_t c = 0; c < dv; ++c)
            out[c] += p[j] * vj[c];
        }
      }
    }
  roundAll(t);
  return Results{std::move(t)};
}

EvalResult rope(kd::RopeOp op, const RefTensor &x, const RefTensor &pos) {
  RefTensor t(op.getType());
  t.data = x.data;
  int64_t batch = x.dim(0), heads = x.dim(1), len = x.dim(2), d = x.dim(3);
  int64_t rotary = op.getRotaryDim() ? static_cast<int64_t>(op.getRotaryDim()) : d;
  int64_t half = rotary / 2;
  bool interleaved = op.getInterleaved();
  llvm::SmallVector<double> freq;
  double m;
  kd::semantics::ropeFrequencies(op, rotary, freq, m);
  for (int64_t b = 0; b < batch; ++b)
    for (int64_t h = 0; h < heads; ++h)
      for (int64_t l = 0; l < len; ++l) {
        double p = pos.rank() == 1 ? pos.data[l] : pos.data[b * len + l];
        double *row = &t.data[((b * heads + h) * len + l) * d];
        const double *in = &x.data[((b * heads + h) * len + l) * d];
        for (int64_t i = 0; i < half; ++i) {
          int64_t ia = interleaved ? 2 * i : i;
          int64_t ib = interleaved ? 2 * i + 1 : i + half;
          double angle = p * freq[i];
          double c = std::cos(angle) * m, s = std::sin(angle) * m;
          row[ia] = in[ia] * c - in[ib] * s;
          row[ib] = in[ib] * c + in[ia] * s;
        }
      }
  roundAll(t);
  return Results{std::move(t)};
}

} // namespace

std::optional<EvalResult> evalAttentionOp(Operation *op, Operands args) {
  using R = std::optional<EvalResult>;
  return llvm::TypeSwitch<Operation *, R>(op)
      .Case([&](kd::AttentionOp o) -> R { return attention(o, args); })
      .Case([&](kd::RopeOp o) -> R { return rope(o, *args[0], *args[1]); })
      .Default([](Operation *) -> R { return std::nullopt; });
}

} // namespace kiln::ref
