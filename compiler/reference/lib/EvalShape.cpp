//===- EvalShape.cpp - movement: reshape … resize -------------------------===//

#include "RefTensor.h"

#include "kiln/Dialect/Kiln/KilnOps.h"
#include "kiln/Dialect/Kiln/OpSemantics.h"

#include "llvm/ADT/TypeSwitch.h"

#include <cmath>

using namespace mlir;
namespace kd = mlir::kiln;

namespace kiln::ref {
namespace {

RankedTensorType resultType(Operation *op) {
  return cast<RankedTensorType>(op->getResult(0).getType());
}

/// Builds the result by asking, for each result multi-index, which element of
/// the (single) source it copies; a negative answer means "fill".
EvalResult gatherFrom(Operation *op, const RefTensor &x,
                      llvm::function_ref<int64_t(llvm::ArrayRef<int64_t>)> src,
                      double fill = 0.0) {
  RefTensor t(resultType(op));
  llvm::SmallVector<int64_t> index;
  for (int64_t i = 0; i < t.size(); ++i) {
    unravel(i, t.shape(), index);
    int64_t s = src(index);
    t.data[i] = s < 0 ? fill : x.data[s];
  }
  roundAll(t);
  return Results{std::move(t)};
}

int64_t linearize(llvm::ArrayRef<int64_t> index, llvm::ArrayRef<int64_t> shape) {
  int64_t linear = 0;
  for (size_t d = 0; d < shape.size(); ++d)
    linear = linear * shape[d] + index[d];
  return linear;
}

EvalResult transpose(kd::TransposeOp op, const RefTensor &x) {
  llvm::ArrayRef<int64_t> perm = op.getPerm();
  llvm::SmallVector<int64_t> src(perm.size());
  return gatherFrom(op, x, [&](llvm::ArrayRef<int64_t> idx) {
    for (size_t i = 0; i < perm.size(); ++i)
      src[perm[i]] = idx[i];
    return linearize(src, x.shape());
  });
}

EvalResult concat(kd::ConcatOp op, Operands args) {
  RefTensor t(op.getType());
  int64_t axis = normAxis(static_cast<int64_t>(op.getAxis()), t.rank());
  llvm::SmallVector<int64_t> index;
  for (int64_t i = 0; i < t.size(); ++i) {
    unravel(i, t.shape(), index);
    int64_t pos = index[axis];
    for (const RefTensor *in : args) {
      if (pos < in->dim(axis)) {
        index[axis] = pos;
        t.data[i] = in->data[linearize(index, in->shape())];
        break;
      }
      pos -= in->dim(axis);
    }
  }
  return Results{std::move(t)};
}

EvalResult slice(kd::SliceOp op, const RefTensor &x) {
  llvm::SmallVector<int64_t> first = op.getNormalizedStart();
  llvm::ArrayRef<int64_t> stride = op.getStride();
  llvm::SmallVector<int64_t> src(x.rank());
  return gatherFrom(op, x, [&](llvm::ArrayRef<int64_t> idx) {
    for (int64_t d = 0; d < x.rank(); ++d)
      src[d] = first[d] + idx[d] * stride[d];
    return linearize(src, x.shape());
  });
}

EvalResult pad(kd::PadOp op, const RefTensor &x) {
  llvm::ArrayRef<int64_t> low = op.getLow();
  StringRef mode = op.getMode();
  llvm::SmallVector<int64_t> src(x.rank());
  return gatherFrom(
      op, x,
      [&](llvm::ArrayRef<int64_t> idx) -> int64_t {
        for (int64_t d = 0; d < x.rank(); ++d) {
          int64_t i = idx[d] - low[d], n = x.dim(d);
          if (i < 0 || i >= n) {
            if (mode == "constant")
              return -1;
            if (mode == "replicate")
              i = i < 0 ? 0 : n - 1;
            else // reflect, without repeating the edge (pad < n)
              i = i < 0 ? -i : 2 * (n - 1) - i;
          }
          src[d] = i;
        }
        return linearize(src, x.shape());
      },
      op.getValue().convertToDouble());
}

EvalResult gather(kd::GatherOp op, const RefTensor &table,
                  const RefTensor &indices) {
  int64_t axis = normAxis(static_cast<int64_t>(op.getAxis()), table.rank());
  int64_t bound = table.dim(axis);
  for (int64_t i = 0; i < indices.size(); ++i) {
    double v = indices.data[i];
    if (v < -bound || v >= bound)
      return opError(op, "index " + std::to_string(static_cast<int64_t>(v)) +
                             " (at position " + std::to_string(i) +
                             " of indices) is out of range for axis " +
                             std::to_string(axis) + " of size " +
                             std::to_string(bound));
  }
  int64_t ir = indices.rank();
  llvm::SmallVector<int64_t> src(table.rank()), iidx(ir);
  return gatherFrom(op, table, [&](llvm::ArrayRef<int64_t> idx) {
    for (int64_t d = 0; d < axis; ++d)
      src[d] = idx[d];
    for (int64_t d = 0; d < ir; ++d)
      iidx[d] = idx[axis + d];
    int64_t k = static_cast<int64_t>(indices.data[linearize(iidx, indices.shape())]);
    src[axis] = k < 0 ? k + bound : k;
    for (int64_t d = axis + 1; d < table.rank(); ++d)
      src[d] = idx[d - 1 + ir];
    return linearize(src, table.shape());
  });
}

EvalResult pixelShuffle(Operation *op, const RefTensor &x, int64_t r,
                        bool shuffle) {
  // shuffle: out[n, c, h·r + i, w·r + j] = in[n, c·r² + i·r + j, h, w].
  llvm::SmallVector<int64_t> src(4);
  return gatherFrom(op, x, [&](llvm::ArrayRef<int64_t> idx) {
    if (shuffle) {
      src = {idx[0], idx[1] * r * r + (idx[2] % r) * r + idx[3] % r,
             idx[2] / r, idx[3] / r};
    } else {
      int64_t c = idx[1] / (r * r), rem = idx[1] % (r * r);
      src = {idx[0], c, idx[2] * r + rem / r, idx[3] * r + rem % r};
    }
    return linearize(src, x.shape());
  });
}

//===----------------------------------------------------------------------===//
// resize: separable 1-D interpolation weights per output coordinate
//===----------------------------------------------------------------------===//

EvalResult resize(kd::ResizeOp op, const RefTensor &x) {
  RefTensor t(op.getType());
  int64_t n = t.dim(0), c = t.dim(1), oh = t.dim(2), ow = t.dim(3);
  int64_t ih = x.dim(2), iw = x.dim(3);
  StringRef mode = op.getMode();
  using kd::semantics::resizeTaps;
  std::vector<kd::semantics::Taps> rows, cols;
  for (int64_t o = 0; o < oh; ++o)
    rows.push_back(resizeTaps(mode, op.getAlignCorners(), op.getAntialias(), ih, oh, o));
  for (int64_t o = 0; o < ow; ++o)
    cols.push_back(resizeTaps(mode, op.getAlignCorners(), op.getAntialias(), iw, ow, o));
  for (int64_t b = 0; b < n * c; ++b)
    for (int64_t y = 0; y < oh; ++y)
      for (int64_t xo = 0; xo < ow; ++xo) {
        double acc = 0;
        const kd::semantics::Taps &r = rows[y], &q = cols[xo];
        for (size_t a = 0; a < r.index.size(); ++a)
          for (size_t bb = 0; bb < q.index.size(); ++bb)
            acc += r.weight[a] * q.weight[bb] *
                   x.data[(b * ih + r.index[a]) * iw + q.index[bb]];
        t.data[(b * oh + y) * ow + xo] = acc;
      }
  roundAll(t);
  return Results{std::move(t)};
}

} // namespace

std::optional<EvalResult> evalShapeOp(Operation *op, Operands args) {
  using R = std::optional<EvalResult>;
  return llvm::TypeSwitch<Operation *, R>(op)
      .Case([&](kd::ReshapeOp o) -> R {
        RefTensor t(o.getType());
        t.data = args[0]->data;
        return Results{std::move(t)};
      })
      .Case([&](kd::TransposeOp o) -> R { return transpose(o, *args[0]); })
      .Case([&](kd::BroadcastToOp o) -> R {
        const RefTensor &x = *args[0];
        return gatherFrom(o, x, [&](llvm::ArrayRef<int64_t> idx) {
          return broadcastIndex(idx, x.shape());
        });
      })
      .Case([&](kd::ConcatOp o) -> R { return concat(o, args); })
      .Case([&](kd::SliceOp o) -> R { return slice(o, *args[0]); })
      .Case([&](kd::PadOp o) -> R { return pad(o, *args[0]); })
      .Case([&](kd::GatherOp o) -> R { return gather(o, *args[0], *args[1]); })
      .Case([&](kd::PixelShuffleOp o) -> R {
        return pixelShuffle(o, *args[0], static_cast<int64_t>(o.getFactor()),
                            true);
      })
      .Case([&](kd::PixelUnshuffleOp o) -> R {
        return pixelShuffle(o, *args[0], static_cast<int64_t>(o.getFactor()),
                            false);
      })
      .Case([&](kd::ResizeOp o) -> R { return resize(o, *args[0]); })
      .Default([](Operation *) -> R { return std::nullopt; });
}

} // namespace kiln::ref
