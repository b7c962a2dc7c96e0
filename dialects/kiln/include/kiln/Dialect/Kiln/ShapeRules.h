//===- ShapeRules.h - shape rules shared by kiln verifiers and inference --===//
//
// The shape arithmetic of ops.md (broadcasting, axis normalization,
// reductions) in one place. Every function reports a broken contract through
// emitOptionalError in the verifier's style ("'kiln.x' op <what>: <values>"),
// so the same rule serves the parser, builders and the verifier.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECT_KILN_SHAPERULES_H
#define KILN_DIALECT_KILN_SHAPERULES_H

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Location.h"
#include "mlir/IR/Value.h"

#include <string>

namespace mlir {
namespace kiln {

/// The ranked tensor type of a kiln value (every kiln operand and result
/// has one once verified).
inline RankedTensorType tensorOf(Value v) {
  return cast<RankedTensorType>(v.getType());
}

/// Largest element count a kiln tensor may have (2^48): byte sizes and
/// shape arithmetic on such tensors stay far from int64 overflow.
constexpr int64_t kMaxTensorElements = int64_t(1) << 48;

/// True for a statically shaped ranked tensor of at most kMaxTensorElements.
bool hasRepresentableSize(Type type);

/// Shape arithmetic that reports overflow instead of wrapping: a·b and a + b,
/// or "<what> overflows: ..." as a diagnostic.
FailureOr<int64_t> checkedMul(std::optional<Location> loc, StringRef opName,
                              StringRef what, int64_t a, int64_t b);
FailureOr<int64_t> checkedAdd(std::optional<Location> loc, StringRef opName,
                              StringRef what, int64_t a, int64_t b);

/// Emits "'<opName>' op <msg>" at `loc` when a location is given; returns
/// failure either way.
LogicalResult opError(std::optional<Location> loc, StringRef opName,
                      const Twine &msg);

/// "[2, 3, 4]".
std::string formatShape(ArrayRef<int64_t> shape);

/// One dimension of a numpy slice x[start:limit:stride] (stride != 0) after
/// numpy's normalization: the first index taken and how many.
struct SliceDim {
  int64_t first;
  int64_t count;
};
SliceDim normalizeSliceDim(int64_t dim, int64_t start, int64_t limit,
                           int64_t stride);

/// A float attribute value for messages ("0.5", "-inf").
std::string formatFloat(double value);

/// Maps `axis` (negative counts from the end) into [0, rank), or reports
/// "<attrName> = 5 is out of range for rank 2".
FailureOr<int64_t> normalizeAxis(std::optional<Location> loc, StringRef opName,
                                 StringRef attrName, int64_t axis,
                                 int64_t rank);

/// Normalizes a list of axes; each must be in range and named once.
/// `allowEmpty` is false for reductions and normalizations.
FailureOr<SmallVector<int64_t>> normalizeAxes(std::optional<Location> loc,
                                              StringRef opName,
                                              StringRef attrName,
                                              ArrayRef<int64_t> axes,
                                              int64_t rank);

/// Same-rank broadcasting (ops.md, Conventions): every dimension equal or 1,
/// the result takes the larger. `names` label the operands in messages.
FailureOr<SmallVector<int64_t>>
broadcastShapes(std::optional<Location> loc, StringRef opName,
                ArrayRef<RankedTensorType> types, ArrayRef<StringRef> names);

/// Result type of a broadcasting elementwise op: the operands share one
/// element type, which the result takes unless `resultElement` is given.
LogicalResult inferBroadcastTypes(std::optional<Location> loc,
                                  StringRef opName, ArrayRef<Type> types,
                                  ArrayRef<StringRef> names,
                                  Type resultElement,
                                  SmallVectorImpl<Type> &inferred);

/// Result type of a reduction over `axes` (the attribute `axesName`; kept as size 1 with `keepdim`),
/// with `x`'s element type unless `resultElement` is given.
LogicalResult inferReduceTypes(std::optional<Location> loc, StringRef opName,
                               StringRef axesName, Type x,
                               ArrayRef<int64_t> axes, bool keepdim,
                               Type resultElement,
                               SmallVectorImpl<Type> &inferred);

/// Checks that a string attribute holds one of `allowed`.
LogicalResult checkOneOf(std::optional<Location> loc, StringRef opName,
                         StringRef attrName, StringRef value,
                         ArrayRef<StringRef> allowed);

/// Checks that an array attribute has `size` entries.
LogicalResult checkArraySize(std::optional<Location> loc, StringRef opName,
                             StringRef attrName, ArrayRef<int64_t> values,
                             size_t size);

/// Checks that a tensor has rank `rank`; `what` names it ("q", "operand x").
LogicalResult checkRank(std::optional<Location> loc, StringRef opName,
                        StringRef what, ShapedType type, int64_t rank);

/// Checks that two tensors share an element type.
LogicalResult checkSameElementType(std::optional<Location> loc,
                                   StringRef opName, StringRef aName,
                                   ShapedType a, StringRef bName, ShapedType b);

/// Checks one dimension against an expected size: "<what> has <dimName> =
/// <actual>, expected <expected>".
LogicalResult checkDim(std::optional<Location> loc, StringRef opName,
                       StringRef what, StringRef dimName, int64_t actual,
                       int64_t expected);

} // namespace kiln
} // namespace mlir

#endif // KILN_DIALECT_KILN_SHAPERULES_H
