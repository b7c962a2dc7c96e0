//===- ShapeRules.cpp - shape rules shared by kiln verifiers and inference ===//
//
// Implements ShapeRules.h: broadcasting, axis normalization and reduction
// shapes, each reporting violations with the values seen.
//
//===----------------------------------------------------------------------===//

#include "kiln/Dialect/Kiln/ShapeRules.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallSet.h"
#include "llvm/Support/CheckedArithmetic.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace mlir::kiln;

bool mlir::kiln::hasRepresentableSize(Type type) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  if (!tensor || !tensor.hasStaticShape())
    return false;
  int64_t count = 1;
  for (int64_t dim : tensor.getShape()) {
    if (dim < 0 || (dim > 0 && count > kMaxTensorElements / dim))
      return false;
    count *= dim;
  }
  return count <= kMaxTensorElements;
}

FailureOr<int64_t> mlir::kiln::checkedMul(std::optional<Location> loc,
                                          StringRef opName, StringRef what,
                                          int64_t a, int64_t b) {
  if (std::optional<int64_t> r = llvm::checkedMul(a, b);
      r && *r <= kMaxTensorElements && *r >= -kMaxTensorElements)
    return *r;
  return opError(loc, opName,
                 what + " overflows: " + Twine(a) + " * " + Twine(b));
}

FailureOr<int64_t> mlir::kiln::checkedAdd(std::optional<Location> loc,
                                          StringRef opName, StringRef what,
                                          int64_t a, int64_t b) {
  if (std::optional<int64_t> r = llvm::checkedAdd(a, b);
      r && *r <= kMaxTensorElements && *r >= -kMaxTensorElements)
    return *r;
  return opError(loc, opName,
                 what + " overflows: " + Twine(a) + " + " + Twine(b));
}

LogicalResult mlir::kiln::opError(std::optional<Location> loc,
                                  StringRef opName, const Twine &msg) {
  return emitOptionalError(loc, "'", opName, "' op ", msg.str());
}

std::string mlir::kiln::formatShape(ArrayRef<int64_t> shape) {
  std::string s;
  llvm::raw_string_ostream os(s);
  os << '[';
  llvm::interleaveComma(shape, os);
  os << ']';
  return s;
}

SliceDim mlir::kiln::normalizeSliceDim(int64_t dim, int64_t start,
                                       int64_t limit, int64_t stride) {
  // CPython's PySlice_AdjustIndices: negative indices count from the end,
  // then clamp to [0, dim] going forward or [-1, dim - 1] going backward.
  auto adjust = [&](int64_t i) {
    if (i < 0) {
      i += dim;
      if (i < 0)
        i = stride < 0 ? -1 : 0;
    } else if (i >= dim) {
      i = stride < 0 ? dim - 1 : dim;
    }
    return i;
  };
  int64_t first = adjust(start), stop = adjust(limit);
  int64_t count = 0;
  if (stride > 0 && first < stop)
    count = (stop - first - 1) / stride + 1;
  else if (stride < 0 && stop < first)
    count = (first - stop - 1) / (-stride) + 1;
  return {first, count};
}

std::string mlir::kiln::formatFloat(double value) {
  std::string s;
  llvm::raw_string_ostream os(s);
  os << value;
  return s;
}

FailureOr<int64_t> mlir::kiln::normalizeAxis(std::optional<Location> loc,
                                             StringRef opName,
                                             StringRef attrName, int64_t axis,
                                             int64_t rank) {
  if (axis < -rank || axis >= rank)
    return opError(loc, opName,
                   attrName + " = " + Twine(axis) +
                       " is out of range for rank " + Twine(rank) +
                       " (expected " + Twine(-rank) + " <= " + attrName +
                       " < " + Twine(rank) + ")");
  return axis < 0 ? axis + rank : axis;
}

FailureOr<SmallVector<int64_t>>
mlir::kiln::normalizeAxes(std::optional<Location> loc, StringRef opName,
                          StringRef attrName, ArrayRef<int64_t> axes,
                          int64_t rank) {
  if (axes.empty())
    return opError(loc, opName, attrName + " must name at least one axis");
  SmallVector<int64_t> result;
  llvm::SmallSet<int64_t, 4> seen;
  for (int64_t axis : axes) {
    FailureOr<int64_t> norm = normalizeAxis(loc, opName, attrName, axis, rank);
    if (failed(norm))
      return failure();
    if (!seen.insert(*norm).second)
      return opError(loc, opName,
                     attrName + " names axis " + Twine(*norm) + " twice: " +
                         formatShape(axes));
    result.push_back(*norm);
  }
  return result;
}

FailureOr<SmallVector<int64_t>>
mlir::kiln::broadcastShapes(std::optional<Location> loc, StringRef opName,
                            ArrayRef<RankedTensorType> types,
                            ArrayRef<StringRef> names) {
  int64_t rank = types.front().getRank();
  for (auto [type, name] : llvm::zip(types, names))
    if (type.getRank() != rank)
      return opError(loc, opName,
                     "operands must have the same rank: " + names.front() +
                         " has rank " + Twine(rank) + ", " + name +
                         " has rank " + Twine(type.getRank()) +
                         " (insert kiln.reshape to align ranks)");
  SmallVector<int64_t> shape(rank, 1);
  for (int64_t d = 0; d < rank; ++d) {
    for (auto [type, name] : llvm::zip(types, names)) {
      int64_t size = type.getDimSize(d);
      if (size == shape[d] || size == 1)
        continue;
      if (shape[d] != 1) {
        // Name the first operand whose size disagrees with this one.
        StringRef other;
        for (auto [t, n] : llvm::zip(types, names))
          if (t.getDimSize(d) == shape[d]) {
            other = n;
            break;
          }
        return opError(loc, opName,
                       "operands are not broadcast-compatible in dimension " +
                           Twine(d) + ": " + other + " has " +
                           Twine(shape[d]) + ", " + name + " has " +
                           Twine(size));
      }
      shape[d] = size;
    }
  }
  return shape;
}

LogicalResult mlir::kiln::inferBroadcastTypes(std::optional<Location> loc,
                                              StringRef opName,
                                              ArrayRef<Type> types,
                                              ArrayRef<StringRef> names,
                                              Type resultElement,
                                              SmallVectorImpl<Type> &inferred) {
  SmallVector<RankedTensorType> ranked;
  for (Type t : types)
    ranked.push_back(cast<RankedTensorType>(t));
  for (size_t i = 1; i < ranked.size(); ++i)
    if (failed(checkSameElementType(loc, opName, names[0], ranked[0],
                                    names[i], ranked[i])))
      return failure();
  FailureOr<SmallVector<int64_t>> shape =
      broadcastShapes(loc, opName, ranked, names);
  if (failed(shape))
    return failure();
  Type element = resultElement ? resultElement : ranked[0].getElementType();
  inferred.push_back(RankedTensorType::get(*shape, element));
  return success();
}

LogicalResult mlir::kiln::inferReduceTypes(std::optional<Location> loc,
                                           StringRef opName,
                                           StringRef axesName, Type x,
                                           ArrayRef<int64_t> axes, bool keepdim,
                                           Type resultElement,
                                           SmallVectorImpl<Type> &inferred) {
  auto type = cast<RankedTensorType>(x);
  FailureOr<SmallVector<int64_t>> norm =
      normalizeAxes(loc, opName, axesName, axes, type.getRank());
  if (failed(norm))
    return failure();
  SmallVector<int64_t> shape;
  for (int64_t d = 0; d < type.getRank(); ++d) {
    if (!llvm::is_contained(*norm, d))
      shape.push_back(type.getDimSize(d));
    else if (keepdim)
      shape.push_back(1);
  }
  Type element = resultElement ? resultElement : type.getElementType();
  inferred.push_back(RankedTensorType::get(shape, element));
  return success();
}

LogicalResult mlir::kiln::checkOneOf(std::optional<Location> loc,
                                     StringRef opName, StringRef attrName,
                                     StringRef value,
                                     ArrayRef<StringRef> allowed) {
  if (llvm::is_contained(allowed, value))
    return success();
  std::string list;
  llvm::raw_string_ostream os(list);
  llvm::interleaveComma(allowed, os);
  return opError(loc, opName,
                 attrName + " must be one of {" + list + "}, got \"" + value +
                     "\"");
}

LogicalResult mlir::kiln::checkArraySize(std::optional<Location> loc,
                                         StringRef opName, StringRef attrName,
                                         ArrayRef<int64_t> values,
                                         size_t size) {
  if (values.size() == size)
    return success();
  return opError(loc, opName,
                 attrName + " must have " + Twine(size) + " entries, got " +
                     Twine(values.size()) + ": " + formatShape(values));
}

LogicalResult mlir::kiln::checkRank(std::optional<Location> loc,
                                    StringRef opName, StringRef what,
                                    ShapedType type, int64_t rank) {
  if (type.getRank() == rank)
    return success();
  return opError(loc, opName,
                 what + " must have rank " + Twine(rank) + ", got rank " +
                     Twine(type.getRank()) + " " +
                     formatShape(type.getShape()));
}

LogicalResult mlir::kiln::checkSameElementType(std::optional<Location> loc,
                                               StringRef opName,
                                               StringRef aName, ShapedType a,
                                               StringRef bName, ShapedType b) {
  if (a.getElementType() == b.getElementType())
    return success();
  std::string msg;
  llvm::raw_string_ostream os(msg);
  os << aName << " and " << bName << " must share an element type, got "
     << a.getElementType() << " and " << b.getElementType();
  return opError(loc, opName, msg);
}

LogicalResult mlir::kiln::checkDim(std::optional<Location> loc,
                                   StringRef opName, StringRef what,
                                   StringRef dimName, int64_t actual,
                                   int64_t expected) {
  if (actual == expected)
    return success();
  return opError(loc, opName,
                 what + " has " + dimName + " = " + Twine(actual) +
                     ", expected " + Twine(expected));
}
