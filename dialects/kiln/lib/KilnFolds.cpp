//===- KilnFolds.cpp - folds of kiln ops ----------------------------------===//
//
// Folds run by --canonicalize: reshape of reshape, transpose of transpose,
// casts and movement ops that change nothing, add of zero / mul by one with
// splat constants, and constant folding of elementwise ops whose operands are
// small constants. Folded values are computed in double and rounded once to
// the result's element type (round to nearest even), as ops.md asks of every
// device.
//
//===----------------------------------------------------------------------===//

#include "kiln/Dialect/Kiln/KilnOps.h"
#include "kiln/Dialect/Kiln/ScalarSemantics.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Matchers.h"

#include <cmath>

using namespace mlir;
using namespace mlir::kiln;

namespace {
/// Constants with more elements than this are left alone: folding them would
/// bloat the IR (and the artifact) instead of saving work.
constexpr int64_t kMaxFoldElements = 1024;

/// A constant operand worth folding: any splat (folded once, stays a splat)
/// or a dense literal of at most kMaxFoldElements.
DenseElementsAttr smallConstant(Attribute attr) {
  auto dense = dyn_cast_or_null<DenseElementsAttr>(attr);
  if (!dense || (!dense.isSplat() && dense.getNumElements() > kMaxFoldElements))
    return {};
  return dense;
}


double toDouble(APFloat v) {
  bool losesInfo = false;
  v.convert(APFloat::IEEEdouble(), APFloat::rmNearestTiesToEven, &losesInfo);
  return v.convertToDouble();
}

APFloat roundTo(double v, FloatType type) {
  APFloat r(v);
  bool losesInfo = false;
  r.convert(type.getFloatSemantics(), APFloat::rmNearestTiesToEven, &losesInfo);
  return r;
}

/// Elements as doubles (floats exactly, integers as signed values, i1 as
/// 0/1). A splat gives its one value: results built from one value are splats
/// again (DenseElementsAttr::get), so splats of any size fold cheaply.
SmallVector<double> valuesAsDouble(DenseElementsAttr dense) {
  SmallVector<double> out;
  Type element = dense.getElementType();
  bool isBool = element.isInteger(1);
  int64_t count = dense.isSplat() ? 1 : dense.getNumElements();
  if (isa<FloatType>(element)) {
    auto it = dense.value_begin<APFloat>();
    for (int64_t i = 0; i < count; ++i, ++it)
      out.push_back(toDouble(*it));
  } else {
    auto it = dense.value_begin<APInt>();
    for (int64_t i = 0; i < count; ++i, ++it) {
      APInt v = *it;
      out.push_back(isBool ? double(v.getZExtValue())
                           : double(v.getSExtValue()));
    }
  }
  return out;
}

/// Elements of an integer constant as int64 (i1 as 0/1); one for a splat.
SmallVector<int64_t> valuesAsInt(DenseElementsAttr dense) {
  SmallVector<int64_t> out;
  bool isBool = dense.getElementType().isInteger(1);
  int64_t count = dense.isSplat() ? 1 : dense.getNumElements();
  auto it = dense.value_begin<APInt>();
  for (int64_t i = 0; i < count; ++i, ++it) {
    APInt v = *it;
    out.push_back(isBool ? int64_t(v.getZExtValue()) : v.getSExtValue());
  }
  return out;
}

/// For each element of `result`, the index into valuesAsDouble(operand) of
/// the element that feeds it under same-rank broadcasting (always 0 for a
/// splat).
SmallVector<int64_t> broadcastSources(DenseElementsAttr dense,
                                      ShapedType result) {
  if (dense.isSplat())
    return SmallVector<int64_t>(result.getNumElements(), 0);
  ShapedType operand = dense.getType();
  SmallVector<int64_t> sources;
  int64_t rank = result.getRank();
  SmallVector<int64_t> index(rank, 0);
  for (int64_t linear = 0; linear < result.getNumElements(); ++linear) {
    int64_t src = 0;
    for (int64_t d = 0; d < rank; ++d)
      src = src * operand.getDimSize(d) +
            (operand.getDimSize(d) == 1 ? 0 : index[d]);
    sources.push_back(src);
    for (int64_t d = rank - 1; d >= 0; --d) {
      if (++index[d] < result.getDimSize(d))
        break;
      index[d] = 0;
    }
  }
  return sources;
}

/// A float result built from doubles, each rounded once.
DenseElementsAttr floatResult(ShapedType type, ArrayRef<double> values) {
  auto element = cast<FloatType>(type.getElementType());
  SmallVector<APFloat> out;
  for (double v : values)
    out.push_back(roundTo(v, element));
  return DenseElementsAttr::get(type, out);
}

/// An integer result built from int64 values, wrapped to the element width.
DenseElementsAttr intResult(ShapedType type, ArrayRef<int64_t> values) {
  unsigned width = type.getElementType().getIntOrFloatBitWidth();
  SmallVector<APInt> out;
  for (int64_t v : values)
    out.push_back(APInt(64, static_cast<uint64_t>(v), /*isSigned=*/true)
                      .trunc(width));
  return DenseElementsAttr::get(type, out);
}

/// Folds a unary float op on a small constant.
OpFoldResult foldUnaryFloat(Attribute operand, ShapedType resultType,
                            llvm::function_ref<double(double)> fn) {
  DenseElementsAttr dense = smallConstant(operand);
  if (!dense || !isa<FloatType>(dense.getElementType()))
    return {};
  SmallVector<double> values = valuesAsDouble(dense);
  for (double &v : values)
    v = fn(v);
  return floatResult(resultType, values);
}

/// Splat value of a constant operand as a double, if it is one.
std::optional<double> splatValue(Attribute attr) {
  auto splat = dyn_cast_or_null<SplatElementsAttr>(attr);
  if (!splat)
    return std::nullopt;
  Type element = splat.getElementType();
  if (isa<FloatType>(element))
    return toDouble(splat.getSplatValue<APFloat>());
  if (element.isInteger(1))
    return double(splat.getSplatValue<APInt>().getZExtValue());
  return double(splat.getSplatValue<APInt>().getSExtValue());
}

/// Folds a binary op on two small constants with broadcasting. `floatFn`
/// serves float tensors, `intFn` integer ones (absent: not folded).
OpFoldResult
foldBinary(Attribute lhsAttr, Attribute rhsAttr, ShapedType resultType,
           llvm::function_ref<double(double, double)> floatFn,
           std::function<std::optional<int64_t>(int64_t, int64_t)> intFn) {
  DenseElementsAttr lhs = smallConstant(lhsAttr), rhs = smallConstant(rhsAttr);
  if (!lhs || !rhs)
    return {};
  // Two splats fold as one value pair into a splat of any size.
  bool splat = lhs.isSplat() && rhs.isSplat();
  ShapedType computed =
      splat ? RankedTensorType::get({1}, resultType.getElementType())
            : resultType;
  if (computed.getNumElements() > kMaxFoldElements)
    return {};
  SmallVector<int64_t> ls = broadcastSources(lhs, computed);
  SmallVector<int64_t> rs = broadcastSources(rhs, computed);
  if (isa<FloatType>(resultType.getElementType())) {
    SmallVector<double> a = valuesAsDouble(lhs), b = valuesAsDouble(rhs), out;
    for (auto [i, j] : llvm::zip(ls, rs))
      out.push_back(floatFn(a[i], b[j]));
    return floatResult(resultType, out);
  }
  if (!intFn)
    return {};
  SmallVector<int64_t> a = valuesAsInt(lhs), b = valuesAsInt(rhs), out;
  for (auto [i, j] : llvm::zip(ls, rs)) {
    std::optional<int64_t> v = intFn(a[i], b[j]);
    if (!v)
      return {};
    out.push_back(*v);
  }
  return intResult(resultType, out);
}

/// Wrapping integer arithmetic without signed-overflow UB.
int64_t wrapAdd(int64_t a, int64_t b) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) +
                              static_cast<uint64_t>(b));
}
int64_t wrapSub(int64_t a, int64_t b) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) -
                              static_cast<uint64_t>(b));
}
int64_t wrapMul(int64_t a, int64_t b) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) *
                              static_cast<uint64_t>(b));
}

/// `x op identity` → x when the other operand's type is already the result's
/// (a broadcasting identity would change the shape).
OpFoldResult foldIdentity(Value keep, Attribute other, double identity,
                          Type resultType) {
  std::optional<double> v = splatValue(other);
  if (v && *v == identity && keep.getType() == resultType)
    return keep;
  return {};
}

/// Converts a small constant to `resultType`'s element type (ops.md cast).
OpFoldResult foldCast(DenseElementsAttr dense, ShapedType resultType) {
  Type to = resultType.getElementType();
  bool fromFloat = isa<FloatType>(dense.getElementType());
  if (!fromFloat) {
    // Integer sources convert from their exact values (i1 as 0/1).
    SmallVector<int64_t> src = valuesAsInt(dense);
    if (auto floatType = dyn_cast<FloatType>(to)) {
      SmallVector<APFloat> out;
      for (int64_t v : src) {
        APFloat f(floatType.getFloatSemantics());
        f.convertFromAPInt(APInt(64, static_cast<uint64_t>(v), true),
                           /*IsSigned=*/true, APFloat::rmNearestTiesToEven);
        out.push_back(f);
      }
      return DenseElementsAttr::get(resultType, out);
    }
    // Integer to integer wraps to the width (two's complement); to i1 is
    // "non-zero".
    if (to.isInteger(1))
      for (int64_t &v : src)
        v = v != 0;
    return intResult(resultType, src);
  }
  SmallVector<double> values = valuesAsDouble(dense);
  if (isa<FloatType>(to))
    return floatResult(resultType, values);
  SmallVector<int64_t> ints;
  unsigned width = to.getIntOrFloatBitWidth();
  for (double v : values) {
    if (width == 1) {
      ints.push_back(v != 0);
      continue;
    }
    ints.push_back(scalar::floatToInt(v, width));
  }
  return intResult(resultType, ints);
}

} // namespace

//===----------------------------------------------------------------------===//
// Sources
//===----------------------------------------------------------------------===//

OpFoldResult ConstantOp::fold(FoldAdaptor) { return getValue(); }

//===----------------------------------------------------------------------===//
// Unary elementwise
//===----------------------------------------------------------------------===//

#define KILN_UNARY_FOLD(OP, EXPR)                                              \
  OpFoldResult OP::fold(FoldAdaptor adaptor) {                                 \
    return foldUnaryFloat(adaptor.getX(), getType(),                           \
                          [](double x) -> double { return EXPR; });            \
  }

KILN_UNARY_FOLD(NegOp, -x)
KILN_UNARY_FOLD(AbsOp, std::fabs(x))
KILN_UNARY_FOLD(ExpOp, std::exp(x))
KILN_UNARY_FOLD(LogOp, std::log(x))
KILN_UNARY_FOLD(Log1pOp, std::log1p(x))
KILN_UNARY_FOLD(SqrtOp, std::sqrt(x))
KILN_UNARY_FOLD(RsqrtOp, 1.0 / std::sqrt(x))
KILN_UNARY_FOLD(ReciprocalOp, 1.0 / x)
KILN_UNARY_FOLD(TanhOp, std::tanh(x))
KILN_UNARY_FOLD(SigmoidOp, scalar::sigmoid(x))
KILN_UNARY_FOLD(SiluOp, scalar::silu(x))
KILN_UNARY_FOLD(ReluOp, scalar::relu(x))
KILN_UNARY_FOLD(ErfOp, std::erf(x))
KILN_UNARY_FOLD(SinOp, std::sin(x))
KILN_UNARY_FOLD(CosOp, std::cos(x))
KILN_UNARY_FOLD(FloorOp, std::floor(x))
#undef KILN_UNARY_FOLD

OpFoldResult GeluOp::fold(FoldAdaptor adaptor) {
  bool tanhApprox = getApproximate() == "tanh";
  return foldUnaryFloat(adaptor.getX(), getType(), [tanhApprox](double x) {
    return scalar::gelu(x, tanhApprox);
  });
}

OpFoldResult SoftplusOp::fold(FoldAdaptor adaptor) {
  double beta = getBeta().convertToDouble();
  double threshold = getThreshold().convertToDouble();
  return foldUnaryFloat(adaptor.getX(), getType(), [=](double x) {
    return scalar::softplus(x, beta, threshold);
  });
}

OpFoldResult ClampOp::fold(FoldAdaptor adaptor) {
  double lo = getMin() ? getMin()->convertToDouble() : -INFINITY;
  double hi = getMax() ? getMax()->convertToDouble() : INFINITY;
  return foldUnaryFloat(adaptor.getX(), getType(), [=](double x) {
    return std::isnan(x) ? x : std::min(std::max(x, lo), hi);
  });
}

//===----------------------------------------------------------------------===//
// Binary elementwise
//===----------------------------------------------------------------------===//

OpFoldResult AddOp::fold(FoldAdaptor adaptor) {
  if (OpFoldResult r = foldIdentity(getLhs(), adaptor.getRhs(), 0.0, getType()))
    return r;
  if (OpFoldResult r = foldIdentity(getRhs(), adaptor.getLhs(), 0.0, getType()))
    return r;
  return foldBinary(adaptor.getLhs(), adaptor.getRhs(), getType(),
                    [](double a, double b) { return a + b; },
                    [](int64_t a, int64_t b) { return wrapAdd(a, b); });
}

OpFoldResult SubOp::fold(FoldAdaptor adaptor) {
  if (OpFoldResult r = foldIdentity(getLhs(), adaptor.getRhs(), 0.0, getType()))
    return r;
  return foldBinary(adaptor.getLhs(), adaptor.getRhs(), getType(),
                    [](double a, double b) { return a - b; },
                    [](int64_t a, int64_t b) { return wrapSub(a, b); });
}

OpFoldResult MulOp::fold(FoldAdaptor adaptor) {
  if (OpFoldResult r = foldIdentity(getLhs(), adaptor.getRhs(), 1.0, getType()))
    return r;
  if (OpFoldResult r = foldIdentity(getRhs(), adaptor.getLhs(), 1.0, getType()))
    return r;
  return foldBinary(adaptor.getLhs(), adaptor.getRhs(), getType(),
                    [](double a, double b) { return a * b; },
                    [](int64_t a, int64_t b) { return wrapMul(a, b); });
}

OpFoldResult DivOp::fold(FoldAdaptor adaptor) {
  if (OpFoldResult r = foldIdentity(getLhs(), adaptor.getRhs(), 1.0, getType()))
    return r;
  // Integer division is left to the devices: its rounding is not pinned down
  // by ops.md and a zero divisor must not be folded into a value.
  return foldBinary(adaptor.getLhs(), adaptor.getRhs(), getType(),
                    [](double a, double b) { return a / b; }, nullptr);
}

OpFoldResult MaxOp::fold(FoldAdaptor adaptor) {
  return foldBinary(
      adaptor.getLhs(), adaptor.getRhs(), getType(),
      [](double a, double b) { return scalar::maximum(a, b); },
      [](int64_t a, int64_t b) { return std::max(a, b); });
}

OpFoldResult MinOp::fold(FoldAdaptor adaptor) {
  return foldBinary(
      adaptor.getLhs(), adaptor.getRhs(), getType(),
      [](double a, double b) { return scalar::minimum(a, b); },
      [](int64_t a, int64_t b) { return std::min(a, b); });
}

OpFoldResult PowOp::fold(FoldAdaptor adaptor) {
  if (OpFoldResult r = foldIdentity(getLhs(), adaptor.getRhs(), 1.0, getType()))
    return r;
  return foldBinary(adaptor.getLhs(), adaptor.getRhs(), getType(),
                    [](double a, double b) { return std::pow(a, b); }, nullptr);
}

OpFoldResult CompareOp::fold(FoldAdaptor adaptor) {
  DenseElementsAttr lhs = smallConstant(adaptor.getLhs()),
                    rhs = smallConstant(adaptor.getRhs());
  if (!lhs || !rhs)
    return {};
  ShapedType type = getType();
  bool splat = lhs.isSplat() && rhs.isSplat();
  if (splat)
    type = RankedTensorType::get({1}, type.getElementType());
  if (type.getNumElements() > kMaxFoldElements)
    return {};
  SmallVector<int64_t> ls = broadcastSources(lhs, type);
  SmallVector<int64_t> rs = broadcastSources(rhs, type);
  StringRef p = getPredicate();
  auto compare = [&](auto x, auto y) {
    return p == "eq"   ? x == y
           : p == "ne" ? x != y
           : p == "lt" ? x < y
           : p == "le" ? x <= y
           : p == "gt" ? x > y
                       : x >= y;
  };
  SmallVector<bool> out;
  if (isa<FloatType>(lhs.getElementType())) {
    SmallVector<double> a = valuesAsDouble(lhs), b = valuesAsDouble(rhs);
    for (auto [i, j] : llvm::zip(ls, rs))
      out.push_back(compare(a[i], b[j]));
  } else {
    // Integers compare exactly (doubles would merge i64 values above 2^53).
    SmallVector<int64_t> a = valuesAsInt(lhs), b = valuesAsInt(rhs);
    for (auto [i, j] : llvm::zip(ls, rs))
      out.push_back(compare(a[i], b[j]));
  }
  return DenseElementsAttr::get(getType(), out);
}

OpFoldResult SelectOp::fold(FoldAdaptor adaptor) {
  if (getA() == getB() && getA().getType() == getType())
    return getA();
  std::optional<double> cond = splatValue(adaptor.getCond());
  if (!cond)
    return {};
  Value chosen = *cond != 0 ? getA() : getB();
  if (chosen.getType() == getType())
    return chosen;
  return {};
}

OpFoldResult CastOp::fold(FoldAdaptor adaptor) {
  if (getKeep()) // kiln-precision has not seen it yet
    return {};
  if (getX().getType() == getType())
    return getX();
  DenseElementsAttr dense = smallConstant(adaptor.getX());
  if (!dense)
    return {};
  return foldCast(dense, getType());
}


//===----------------------------------------------------------------------===//
// Shape and data movement
//===----------------------------------------------------------------------===//

OpFoldResult ReshapeOp::fold(FoldAdaptor adaptor) {
  if (getX().getType() == getType())
    return getX();
  if (auto inner = getX().getDefiningOp<ReshapeOp>()) {
    // reshape(reshape(y)) == reshape(y): row-major order is kept by both.
    getXMutable().assign(inner.getX());
    return getResult();
  }
  if (auto dense = dyn_cast_or_null<DenseElementsAttr>(adaptor.getX()))
    return dense.reshape(getType());
  return {};
}

OpFoldResult TransposeOp::fold(FoldAdaptor) {
  auto isIdentity = [](ArrayRef<int64_t> perm) {
    for (auto [i, p] : llvm::enumerate(perm))
      if (p != static_cast<int64_t>(i))
        return false;
    return true;
  };
  if (isIdentity(getPerm()))
    return getX();
  if (auto inner = getX().getDefiningOp<TransposeOp>()) {
    // Result dim i = inner result dim perm[i] = y dim innerPerm[perm[i]].
    ArrayRef<int64_t> innerPerm = inner.getPerm();
    SmallVector<int64_t> composed;
    for (int64_t p : getPerm())
      composed.push_back(innerPerm[p]);
    if (isIdentity(composed))
      return inner.getX();
    getXMutable().assign(inner.getX());
    setPerm(composed);
    return getResult();
  }
  return {};
}

OpFoldResult BroadcastToOp::fold(FoldAdaptor adaptor) {
  if (getX().getType() == getType())
    return getX();
  if (auto splat = dyn_cast_or_null<SplatElementsAttr>(adaptor.getX()))
    return splat.resizeSplat(getType());
  return {};
}

OpFoldResult ConcatOp::fold(FoldAdaptor) {
  if (getInputs().size() == 1 && getInputs().front().getType() == getType())
    return getInputs().front();
  return {};
}

OpFoldResult SliceOp::fold(FoldAdaptor) {
  bool unitStride = llvm::all_of(getStride(), [](int64_t s) { return s == 1; });
  bool fromZero =
      llvm::all_of(getNormalizedStart(), [](int64_t s) { return s == 0; });
  if (unitStride && fromZero && getX().getType() == getType())
    return getX();
  return {};
}

OpFoldResult PadOp::fold(FoldAdaptor) {
  auto zero = [](int64_t v) { return v == 0; };
  if (llvm::all_of(getLow(), zero) && llvm::all_of(getHigh(), zero))
    return getX();
  return {};
}
