//===- InferTypes.cpp - result types and shape contracts of kiln ops ------===//
//
// `inferTypes` of every op whose result follows from its operands and
// attributes. Each one checks the op's shape contract from ops.md while it
// computes the result, so the parser, builders and the verifier share one
// rule and one message for every violation. Operands are known to be
// statically shaped ranked tensors here (inferWithAdaptor checks that first).
//
//===----------------------------------------------------------------------===//

#include "kiln/Dialect/Kiln/KilnOps.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallSet.h"

#include <limits>

using namespace mlir;
using namespace mlir::kiln;

namespace {
using Loc = std::optional<Location>;
using Types = SmallVectorImpl<Type>;

bool isNonNegative(ArrayRef<int64_t> values) {
  return llvm::all_of(values, [](int64_t v) { return v >= 0; });
}

Type i64Type(Type like) { return IntegerType::get(like.getContext(), 64); }
} // namespace

//===----------------------------------------------------------------------===//
// Sources and elementwise
//===----------------------------------------------------------------------===//

LogicalResult ConstantOp::inferTypes(Loc loc, Adaptor &adaptor, Types &types) {
  auto type = dyn_cast<RankedTensorType>(adaptor.getValue().getType());
  if (!type || !type.hasStaticShape())
    return opError(loc, getOperationName(),
                   "value must be a statically shaped tensor literal");
  types.push_back(type);
  return success();
}

LogicalResult CompareOp::inferTypes(Loc loc, Adaptor &adaptor, Types &types) {
  if (failed(checkOneOf(loc, getOperationName(), "predicate",
                        adaptor.getPredicate(),
                        {"eq", "ne", "lt", "le", "gt", "ge"})))
    return failure();
  Type lhs = adaptor.getLhs().getType();
  return inferBroadcastTypes(loc, getOperationName(),
                             {lhs, adaptor.getRhs().getType()}, {"lhs", "rhs"},
                             IntegerType::get(lhs.getContext(), 1), types);
}

LogicalResult SelectOp::inferTypes(Loc loc, Adaptor &adaptor, Types &types) {
  auto cond = tensorOf(adaptor.getCond());
  auto a = tensorOf(adaptor.getA());
  auto b = tensorOf(adaptor.getB());
  if (failed(checkSameElementType(loc, getOperationName(), "a", a, "b", b)))
    return failure();
  FailureOr<SmallVector<int64_t>> shape = broadcastShapes(
      loc, getOperationName(), {cond, a, b}, {"cond", "a", "b"});
  if (failed(shape))
    return failure();
  types.push_back(RankedTensorType::get(*shape, a.getElementType()));
  return success();
}

//===----------------------------------------------------------------------===//
// Shape and data movement
//===----------------------------------------------------------------------===//

LogicalResult TransposeOp::inferTypes(Loc loc, Adaptor &adaptor,
                                      Types &types) {
  auto x = tensorOf(adaptor.getX());
  ArrayRef<int64_t> perm = adaptor.getPerm();
  StringRef name = getOperationName();
  if (failed(checkArraySize(loc, name, "perm", perm, x.getRank())))
    return failure();
  SmallVector<bool> seen(x.getRank(), false);
  SmallVector<int64_t> shape;
  for (int64_t p : perm) {
    if (p < 0 || p >= x.getRank() || seen[p])
      return opError(loc, name,
                     "perm must be a permutation of 0.." +
                         Twine(x.getRank() - 1) + ", got " +
                         formatShape(perm));
    seen[p] = true;
    shape.push_back(x.getDimSize(p));
  }
  types.push_back(RankedTensorType::get(shape, x.getElementType()));
  return success();
}

LogicalResult ConcatOp::inferTypes(Loc loc, Adaptor &adaptor, Types &types) {
  StringRef name = getOperationName();
  ValueRange inputs = adaptor.getInputs();
  if (inputs.empty())
    return opError(loc, name, "needs at least one input");
  auto first = tensorOf(inputs.front());
  FailureOr<int64_t> axis = normalizeAxis(
      loc, name, "axis", static_cast<int64_t>(adaptor.getAxis()),
      first.getRank());
  if (failed(axis))
    return failure();
  SmallVector<int64_t> shape(first.getShape());
  shape[*axis] = 0;
  for (auto [i, input] : llvm::enumerate(inputs)) {
    auto t = tensorOf(input);
    std::string what = "input " + std::to_string(i);
    if (failed(checkRank(loc, name, what, t, first.getRank())) ||
        failed(checkSameElementType(loc, name, "input 0", first, what, t)))
      return failure();
    for (int64_t d = 0; d < t.getRank(); ++d)
      if (d != *axis && t.getDimSize(d) != first.getDimSize(d))
        return opError(loc, name,
                       "inputs differ in dimension " + Twine(d) +
                           " (not the concat axis " + Twine(*axis) +
                           "): input 0 has " + Twine(first.getDimSize(d)) +
                           ", " + what + " has " + Twine(t.getDimSize(d)));
    FailureOr<int64_t> sum = checkedAdd(loc, name, "concatenated size",
                                        shape[*axis], t.getDimSize(*axis));
    if (failed(sum))
      return failure();
    shape[*axis] = *sum;
  }
  types.push_back(RankedTensorType::get(shape, first.getElementType()));
  return success();
}

LogicalResult SliceOp::inferTypes(Loc loc, Adaptor &adaptor, Types &types) {
  StringRef name = getOperationName();
  auto x = tensorOf(adaptor.getX());
  int64_t rank = x.getRank();
  ArrayRef<int64_t> start = adaptor.getStart(), limit = adaptor.getLimit(),
                    stride = adaptor.getStride();
  if (failed(checkArraySize(loc, name, "start", start, rank)) ||
      failed(checkArraySize(loc, name, "limit", limit, rank)) ||
      failed(checkArraySize(loc, name, "stride", stride, rank)))
    return failure();
  if (llvm::is_contained(stride, 0) ||
      llvm::is_contained(stride, std::numeric_limits<int64_t>::min()))
    return opError(loc, name,
                   "stride entries must be non-zero, got " +
                       formatShape(stride));
  SmallVector<int64_t> shape;
  for (int64_t d = 0; d < rank; ++d)
    shape.push_back(
        normalizeSliceDim(x.getDimSize(d), start[d], limit[d], stride[d])
            .count);
  types.push_back(RankedTensorType::get(shape, x.getElementType()));
  return success();
}

SmallVector<int64_t> SliceOp::getNormalizedStart() {
  SmallVector<int64_t> result;
  for (auto [dim, s, l, st] : llvm::zip(getX().getType().getShape(),
                                        getStart(), getLimit(), getStride()))
    result.push_back(normalizeSliceDim(dim, s, l, st).first);
  return result;
}

LogicalResult PadOp::inferTypes(Loc loc, Adaptor &adaptor, Types &types) {
  StringRef name = getOperationName();
  auto x = tensorOf(adaptor.getX());
  ArrayRef<int64_t> low = adaptor.getLow(), high = adaptor.getHigh();
  StringRef mode = adaptor.getMode();
  if (failed(checkArraySize(loc, name, "low", low, x.getRank())) ||
      failed(checkArraySize(loc, name, "high", high, x.getRank())) ||
      failed(checkOneOf(loc, name, "mode", mode,
                        {"constant", "replicate", "reflect"})))
    return failure();
  if (!isNonNegative(low) || !isNonNegative(high))
    return opError(loc, name,
                   "low and high must be >= 0, got low = " + formatShape(low) +
                       ", high = " + formatShape(high));
  SmallVector<int64_t> shape;
  for (int64_t d = 0; d < x.getRank(); ++d) {
    int64_t dim = x.getDimSize(d);
    bool padded = low[d] > 0 || high[d] > 0;
    if (mode == "reflect" && padded && (low[d] >= dim || high[d] >= dim))
      return opError(loc, name,
                     "reflect padding must be smaller than the dimension: "
                     "dimension " + Twine(d) + " has size " + Twine(dim) +
                         ", low = " + Twine(low[d]) + ", high = " +
                         Twine(high[d]));
    if (mode == "replicate" && padded && dim == 0)
      return opError(loc, name,
                     "replicate padding of empty dimension " + Twine(d));
    FailureOr<int64_t> lo = checkedAdd(loc, name, "padded size", dim, low[d]);
    if (failed(lo))
      return failure();
    FailureOr<int64_t> size = checkedAdd(loc, name, "padded size", *lo, high[d]);
    if (failed(size))
      return failure();
    shape.push_back(*size);
  }
  types.push_back(RankedTensorType::get(shape, x.getElementType()));
  return success();
}

LogicalResult GatherOp::inferTypes(Loc loc, Adaptor &adaptor, Types &types) {
  auto table = tensorOf(adaptor.getTable());
  auto indices = tensorOf(adaptor.getIndices());
  FailureOr<int64_t> axis =
      normalizeAxis(loc, getOperationName(), "axis",
                    static_cast<int64_t>(adaptor.getAxis()), table.getRank());
  if (failed(axis))
    return failure();
  SmallVector<int64_t> shape(table.getShape().take_front(*axis));
  llvm::append_range(shape, indices.getShape());
  llvm::append_range(shape, table.getShape().drop_front(*axis + 1));
  types.push_back(RankedTensorType::get(shape, table.getElementType()));
  return success();
}

LogicalResult PixelShuffleOp::inferTypes(Loc loc, Adaptor &adaptor,
                                         Types &types) {
  StringRef name = getOperationName();
  auto x = tensorOf(adaptor.getX());
  int64_t r = static_cast<int64_t>(adaptor.getFactor());
  if (failed(checkRank(loc, name, "x", x, 4)))
    return failure();
  if (r < 1)
    return opError(loc, name, "factor must be >= 1, got " + Twine(r));
  int64_t c = x.getDimSize(1);
  FailureOr<int64_t> r2 = checkedMul(loc, name, "factor^2", r, r);
  if (failed(r2))
    return failure();
  if (c % *r2 != 0)
    return opError(loc, name,
                   "channels must be divisible by factor^2 = " + Twine(*r2) +
                       ", got C = " + Twine(c));
  FailureOr<int64_t> h = checkedMul(loc, name, "H * factor", x.getDimSize(2), r);
  FailureOr<int64_t> w = checkedMul(loc, name, "W * factor", x.getDimSize(3), r);
  if (failed(h) || failed(w))
    return failure();
  types.push_back(RankedTensorType::get({x.getDimSize(0), c / *r2, *h, *w},
                                        x.getElementType()));
  return success();
}

LogicalResult PixelUnshuffleOp::inferTypes(Loc loc, Adaptor &adaptor,
                                           Types &types) {
  StringRef name = getOperationName();
  auto x = tensorOf(adaptor.getX());
  int64_t r = static_cast<int64_t>(adaptor.getFactor());
  if (failed(checkRank(loc, name, "x", x, 4)))
    return failure();
  if (r < 1)
    return opError(loc, name, "factor must be >= 1, got " + Twine(r));
  int64_t h = x.getDimSize(2), w = x.getDimSize(3);
  if (h % r != 0 || w % r != 0)
    return opError(loc, name,
                   "height and width must be divisible by factor = " +
                       Twine(r) + ", got H = " + Twine(h) + ", W = " +
                       Twine(w));
  // Checked: with H = W = 0 any factor divides them.
  FailureOr<int64_t> r2 = checkedMul(loc, name, "factor^2", r, r);
  if (failed(r2))
    return failure();
  FailureOr<int64_t> c =
      checkedMul(loc, name, "C * factor^2", x.getDimSize(1), *r2);
  if (failed(c))
    return failure();
  types.push_back(RankedTensorType::get({x.getDimSize(0), *c, h / r, w / r},
                                        x.getElementType()));
  return success();
}

//===----------------------------------------------------------------------===//
// Reductions, softmax, normalization
//===----------------------------------------------------------------------===//

namespace {
/// Ops that keep x's type and name one axis: cumsum, softmax, log_softmax.
LogicalResult inferSameTypeAlongAxis(Loc loc, StringRef name, Value x,
                                     int64_t axis, Types &types) {
  auto type = tensorOf(x);
  if (failed(normalizeAxis(loc, name, "axis", axis, type.getRank())))
    return failure();
  types.push_back(type);
  return success();
}

LogicalResult checkEps(Loc loc, StringRef name, APFloat eps) {
  if (eps.isNegative() || !eps.isFinite())
    return opError(loc, name,
                   "eps must be finite and >= 0, got " +
                       formatFloat(eps.convertToFloat()));
  return success();
}
} // namespace

LogicalResult ArgmaxOp::inferTypes(Loc loc, Adaptor &adaptor, Types &types) {
  auto x = tensorOf(adaptor.getX());
  return inferReduceTypes(loc, getOperationName(), "axis", x,
                          {static_cast<int64_t>(adaptor.getAxis())},
                          adaptor.getKeepdim(), i64Type(x), types);
}

LogicalResult CumsumOp::inferTypes(Loc loc, Adaptor &adaptor, Types &types) {
  return inferSameTypeAlongAxis(loc, getOperationName(), adaptor.getX(),
                                static_cast<int64_t>(adaptor.getAxis()),
                                types);
}

LogicalResult SoftmaxOp::inferTypes(Loc loc, Adaptor &adaptor, Types &types) {
  return inferSameTypeAlongAxis(loc, getOperationName(), adaptor.getX(),
                                static_cast<int64_t>(adaptor.getAxis()),
                                types);
}

LogicalResult LogSoftmaxOp::inferTypes(Loc loc, Adaptor &adaptor,
                                       Types &types) {
  return inferSameTypeAlongAxis(loc, getOperationName(), adaptor.getX(),
                                static_cast<int64_t>(adaptor.getAxis()),
                                types);
}

LogicalResult TopkOp::inferTypes(Loc loc, Adaptor &adaptor, Types &types) {
  StringRef name = getOperationName();
  auto x = tensorOf(adaptor.getX());
  FailureOr<int64_t> axis =
      normalizeAxis(loc, name, "axis", static_cast<int64_t>(adaptor.getAxis()),
                    x.getRank());
  if (failed(axis))
    return failure();
  int64_t k = static_cast<int64_t>(adaptor.getK());
  int64_t dim = x.getDimSize(*axis);
  if (k < 1 || k > dim)
    return opError(loc, name,
                   "k must be in [1, " + Twine(dim) + "] (the size of axis " +
                       Twine(*axis) + "), got k = " + Twine(k));
  SmallVector<int64_t> shape(x.getShape());
  shape[*axis] = k;
  types.push_back(RankedTensorType::get(shape, x.getElementType()));
  types.push_back(RankedTensorType::get(shape, i64Type(x)));
  return success();
}

LogicalResult LayerNormOp::inferTypes(Loc loc, Adaptor &adaptor,
                                      Types &types) {
  auto x = tensorOf(adaptor.getX());
  if (failed(normalizeAxes(loc, getOperationName(), "axes", adaptor.getAxes(),
                           x.getRank())) ||
      failed(checkEps(loc, getOperationName(), adaptor.getEps())))
    return failure();
  types.push_back(x);
  return success();
}

LogicalResult GroupNormOp::inferTypes(Loc loc, Adaptor &adaptor,
                                      Types &types) {
  StringRef name = getOperationName();
  auto x = tensorOf(adaptor.getX());
  if (x.getRank() < 2)
    return opError(loc, name,
                   "x must be [N, C, ...] with rank >= 2, got rank " +
                       Twine(x.getRank()));
  int64_t groups = static_cast<int64_t>(adaptor.getNumGroups());
  int64_t c = x.getDimSize(1);
  if (groups < 1 || c % groups != 0)
    return opError(loc, name,
                   "num_groups must be >= 1 and divide the channel count: "
                   "num_groups = " + Twine(groups) + ", C = " + Twine(c));
  if (failed(checkEps(loc, name, adaptor.getEps())))
    return failure();
  types.push_back(x);
  return success();
}

LogicalResult RmsNormOp::inferTypes(Loc loc, Adaptor &adaptor, Types &types) {
  StringRef name = getOperationName();
  auto x = tensorOf(adaptor.getX());
  FailureOr<SmallVector<int64_t>> axes =
      normalizeAxes(loc, name, "axes", adaptor.getAxes(), x.getRank());
  if (failed(axes) || failed(checkEps(loc, name, adaptor.getEps())))
    return failure();
  int64_t groupSize = static_cast<int64_t>(adaptor.getGroupSize());
  if (groupSize < 0)
    return opError(loc, name,
                   "group_size must be >= 0, got " + Twine(groupSize));
  if (groupSize > 0) {
    int64_t last = x.getRank() - 1;
    if (*axes != SmallVector<int64_t>{last})
      return opError(loc, name,
                     "group_size > 0 normalizes runs of the last axis and "
                     "needs axes = [-1], got " +
                         formatShape(adaptor.getAxes()));
    if (x.getDimSize(last) % groupSize != 0)
      return opError(loc, name,
                     "the last dimension (" + Twine(x.getDimSize(last)) +
                         ") must be divisible by group_size = " +
                         Twine(groupSize));
  }
  types.push_back(x);
  return success();
}
