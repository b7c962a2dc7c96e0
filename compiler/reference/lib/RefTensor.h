//===- RefTensor.h - values and helpers of the reference interpreter ------===//
//
// A RefTensor is a tensor type plus its elements as doubles, row-major.
// Doubles hold every kiln element type exactly (f32/f16/bf16 always; integers
// up to 2^53, which covers indices and sizes). Each op's evaluator computes in
// double and calls `roundTo` once per result element.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_REFERENCE_REFTENSOR_H
#define KILN_REFERENCE_REFTENSOR_H

#include "kiln/Runtime/Error.h"

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Operation.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>
#include <vector>

namespace kiln::ref {

struct RefTensor {
  mlir::RankedTensorType type;
  std::vector<double> data;

  RefTensor() = default;
  /// A zero-filled tensor of `type`.
  explicit RefTensor(mlir::RankedTensorType type)
      : type(type), data(static_cast<size_t>(type.getNumElements()), 0.0) {}

  llvm::ArrayRef<int64_t> shape() const { return type.getShape(); }
  int64_t rank() const { return type.getRank(); }
  int64_t dim(int64_t d) const { return type.getDimSize(d); }
  int64_t size() const { return static_cast<int64_t>(data.size()); }
  mlir::Type elementType() const { return type.getElementType(); }
};

using Results = llvm::SmallVector<RefTensor, 2>;
using EvalResult = rt::Expected<Results>;
using Operands = llvm::ArrayRef<const RefTensor *>;

/// "<file>:<line>:<col>: 'kiln.x' op <msg>": an evaluation error at `op`.
rt::Error opError(mlir::Operation *op, const llvm::Twine &msg);

/// Rounds a double to what `elementType` can hold: f32/f16/bf16 to nearest
/// even; i1 to 0/1 (non-zero is true); i8/i32/i64 wrap around (the value is
/// already an integer).
double roundTo(mlir::Type elementType, double value);

/// Rounds every element of `t` to its element type.
void roundAll(RefTensor &t);

/// Row-major strides of a shape.
llvm::SmallVector<int64_t> stridesOf(llvm::ArrayRef<int64_t> shape);

/// Linear index → multi-index.
void unravel(int64_t linear, llvm::ArrayRef<int64_t> shape,
             llvm::SmallVectorImpl<int64_t> &index);

/// Linear index into a same-rank operand broadcast to the result shape (its
/// size-1 dimensions read index 0).
int64_t broadcastIndex(llvm::ArrayRef<int64_t> resultIndex,
                       llvm::ArrayRef<int64_t> operandShape);

/// Softmax of `logits` in place over the entries with `allowed` set; the
/// others get 0, and a row with nothing allowed is all zeros (ops.md).
void maskedSoftmax(llvm::MutableArrayRef<double> logits,
                   llvm::ArrayRef<bool> allowed);

/// Normalizes a possibly negative axis (verified in range).
inline int64_t normAxis(int64_t axis, int64_t rank) {
  return axis < 0 ? axis + rank : axis;
}

// Evaluators, one per op group. Each returns std::nullopt when `op` is not
// one of its ops.
std::optional<EvalResult> evalSourceOp(mlir::Operation *op, Operands args);
std::optional<EvalResult> evalElementwiseOp(mlir::Operation *op,
                                            Operands args);
std::optional<EvalResult> evalShapeOp(mlir::Operation *op, Operands args);
std::optional<EvalResult> evalReductionOp(mlir::Operation *op, Operands args);
std::optional<EvalResult> evalNormOp(mlir::Operation *op, Operands args);
std::optional<EvalResult> evalLinalgOp(mlir::Operation *op, Operands args);
std::optional<EvalResult> evalAttentionOp(mlir::Operation *op, Operands args);
std::optional<EvalResult> evalCacheOp(mlir::Operation *op, Operands args);
std::optional<EvalResult> evalScanQuantOp(mlir::Operation *op, Operands args);

} // namespace kiln::ref

#endif // KILN_REFERENCE_REFTENSOR_H
