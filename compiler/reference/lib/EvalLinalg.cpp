//===- EvalLinalg.cpp - matmul and the convolutions -----------------------===//

#include "RefTensor.h"

#include "kiln/Dialect/Kiln/KilnOps.h"

#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
namespace kd = mlir::kiln;

namespace kiln::ref {
namespace {

/// Offset of the matrix of `t` (rank ≥ 2) that serves result batch index
/// `batch`, with numpy's right-aligned broadcasting of batch dimensions.
int64_t batchOffset(const RefTensor &t, llvm::ArrayRef<int64_t> batch) {
  int64_t tb = t.rank() - 2, offset = 0;
  for (int64_t d = 0; d < tb; ++d) {
    int64_t r = batch[batch.size() - tb + d];
    offset = offset * t.dim(d) + (t.dim(d) == 1 ? 0 : r);
  }
  return offset * t.dim(t.rank() - 2) * t.dim(t.rank() - 1);
}

EvalResult matmul(kd::MatmulOp op, const RefTensor &a, const RefTensor &b) {
  RefTensor t(op.getType());
  bool ta = op.getTransposeA(), tb = op.getTransposeB();
  int64_t m = t.dim(t.rank() - 2), n = t.dim(t.rank() - 1);
  int64_t k = ta ? a.dim(a.rank() - 2) : a.dim(a.rank() - 1);
  llvm::ArrayRef<int64_t> batchShape = t.shape().drop_back(2);
  int64_t batches = 1;
  for (int64_t s : batchShape)
    batches *= s;
  llvm::SmallVector<int64_t> batch;
  for (int64_t bi = 0; bi < batches; ++bi) {
    unravel(bi, batchShape, batch);
    const double *pa = a.data.data() + batchOffset(a, batch);
    const double *pb = b.data.data() + batchOffset(b, batch);
    double *out = t.data.data() + bi * m * n;
    for (int64_t i = 0; i < m; ++i)
      for (int64_t j = 0; j < n; ++j) {
        double acc = 0;
        for (int64_t p = 0; p < k; ++p)
          acc += (ta ? pa[p * m + i] : pa[i * k + p]) *
                 (tb ? pb[j * k + p] : pb[p * n + j]);
        out[i * n + j] = acc;
      }
  }
  roundAll(t);
  return Results{std::move(t)};
}

/// Direct 2-D cross-correlation with zero padding (conv1d is the H = 1 case).
void conv2d(const RefTensor &x, const RefTensor &w, RefTensor &t,
            int64_t strideH, int64_t strideW, int64_t padTop, int64_t padLeft,
            int64_t dilH, int64_t dilW, int64_t groups) {
  int64_t n = x.dim(0), c = x.dim(1), h = x.dim(2), wd = x.dim(3);
  int64_t o = w.dim(0), cg = w.dim(1), kh = w.dim(2), kw = w.dim(3);
  int64_t oh = t.dim(2), ow = t.dim(3), og = o / groups;
  for (int64_t b = 0; b < n; ++b)
    for (int64_t oc = 0; oc < o; ++oc) {
      int64_t g = oc / og;
      for (int64_t y = 0; y < oh; ++y)
        for (int64_t xo = 0; xo < ow; ++xo) {
          double acc = 0;
          for (int64_t ci = 0; ci < cg; ++ci)
            for (int64_t i = 0; i < kh; ++i) {
              int64_t iy = y * strideH - padTop + i * dilH;
              if (iy < 0 || iy >= h)
                continue;
              for (int64_t j = 0; j < kw; ++j) {
                int64_t ix = xo * strideW - padLeft + j * dilW;
                if (ix < 0 || ix >= wd)
                  continue;
                acc += x.data[((b * c + g * cg + ci) * h + iy) * wd + ix] *
                       w.data[((oc * cg + ci) * kh + i) * kw + j];
              }
            }
          t.data[((b * o + oc) * oh + y) * ow + xo] = acc;
        }
    }
  roundAll(t);
}

/// A rank-3 tensor viewed as rank 4 with H = 1.
RefTensor asNCHW(const RefTensor &t) {
  RefTensor v;
  v.type = RankedTensorType::get({t.dim(0), t.dim(1), 1, t.dim(2)},
                                 t.elementType());
  v.data = t.data;
  return v;
}

/// A channels-last tensor [N, H, W, C] (or weights [O, kH, kW, C/g]) as
/// NCHW (OIHW).
RefTensor channelsFirst(const RefTensor &t) {
  int64_t n = t.dim(0), h = t.dim(1), w = t.dim(2), c = t.dim(3);
  RefTensor v(RankedTensorType::get({n, c, h, w}, t.elementType()));
  for (int64_t b = 0; b < n; ++b)
    for (int64_t y = 0; y < h; ++y)
      for (int64_t x = 0; x < w; ++x)
        for (int64_t ch = 0; ch < c; ++ch)
          v.data[((b * c + ch) * h + y) * w + x] =
              t.data[((b * h + y) * w + x) * c + ch];
  return v;
}

EvalResult convTranspose2d(kd::ConvTranspose2dOp op, const RefTensor &x,
                           const RefTensor &w) {
  RefTensor t(op.getType());
  llvm::ArrayRef<int64_t> stride = op.getStride(), pad = op.getPadding(),
                          dil = op.getDilation();
  int64_t groups = static_cast<int64_t>(op.getGroups());
  int64_t n = x.dim(0), c = x.dim(1), h = x.dim(2), wd = x.dim(3);
  int64_t og = w.dim(1), kh = w.dim(2), kw = w.dim(3), cg = c / groups;
  int64_t o = t.dim(1), oh = t.dim(2), ow = t.dim(3);
  // Scatter: input (iy, ix) through tap (i, j) lands at
  // (iy·s − p + i·d, ix·s − p + j·d).
  for (int64_t b = 0; b < n; ++b)
    for (int64_t ci = 0; ci < c; ++ci) {
      int64_t g = ci / cg;
      for (int64_t iy = 0; iy < h; ++iy)
        for (int64_t ix = 0; ix < wd; ++ix) {
          double v = x.data[((b * c + ci) * h + iy) * wd + ix];
          for (int64_t oc = 0; oc < og; ++oc)
            for (int64_t i = 0; i < kh; ++i) {
              int64_t y = iy * stride[0] - pad[0] + i * dil[0];
              if (y < 0 || y >= oh)
                continue;
              for (int64_t j = 0; j < kw; ++j) {
                int64_t xo = ix * stride[1] - pad[1] + j * dil[1];
                if (xo < 0 || xo >= ow)
                  continue;
                t.data[((b * o + g * og + oc) * oh + y) * ow + xo] +=
                    v * w.data[((ci * og + oc) * kh + i) * kw + j];
              }
            }
        }
    }
  roundAll(t);
  return Results{std::move(t)};
}

} // namespace

std::optional<EvalResult> evalLinalgOp(Operation *op, Operands args) {
  using R = std::optional<EvalResult>;
  return llvm::TypeSwitch<Operation *, R>(op)
      .Case([&](kd::MatmulOp o) -> R { return matmul(o, *args[0], *args[1]); })
      .Case([&](kd::Conv2dOp o) -> R {
        RefTensor t(o.getType());
        llvm::ArrayRef<int64_t> s = o.getStride(), p = o.getPadding(),
                                d = o.getDilation();
        conv2d(*args[0], *args[1], t, s[0], s[1], p[0], p[2], d[0], d[1],
               static_cast<int64_t>(o.getGroups()));
        return EvalResult(Results{std::move(t)});
      })
      .Case([&](kd::Conv2dChannelsLastOp o) -> R {
        RefTensor t(o.getType());
        llvm::ArrayRef<int64_t> s = o.getStride(), p = o.getPadding(),
                                d = o.getDilation();
        conv2d(channelsFirst(*args[0]), channelsFirst(*args[1]), t, s[0], s[1],
               p[0], p[2], d[0], d[1], static_cast<int64_t>(o.getGroups()));
        return EvalResult(Results{std::move(t)});
      })
      .Case([&](kd::Conv1dOp o) -> R {
        RefTensor t(o.getType());
        RefTensor t4 = asNCHW(t);
        t4.data.assign(t.data.size(), 0.0);
        int64_t stride = static_cast<int64_t>(o.getStride());
        int64_t dil = static_cast<int64_t>(o.getDilation());
        conv2d(asNCHW(*args[0]), asNCHW(*args[1]), t4, 1, stride, 0,
               o.getPadding()[0], 1, dil, static_cast<int64_t>(o.getGroups()));
        t.data = std::move(t4.data);
        return EvalResult(Results{std::move(t)});
      })
      .Case([&](kd::ConvTranspose2dOp o) -> R {
        return convTranspose2d(o, *args[0], *args[1]);
      })
      .Default([](Operation *) -> R { return std::nullopt; });
}

} // namespace kiln::ref
