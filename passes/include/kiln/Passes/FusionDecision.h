//===- FusionDecision.h - which ops become one kernel ---------------------===//
//
// The decision half of kiln-form-fusions, kept free of rewriting so it can
// be tested on its own: the groups of a function's body, each with the op
// its kernel is built around. Ops are asked through KernelRootOpInterface
// (family, epilogue, prologue); nothing here lists ops.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_PASSES_FUSIONDECISION_H
#define KILN_PASSES_FUSIONDECISION_H

#include "kiln/Dialect/Kiln/KilnOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"

#include <vector>

namespace mlir::kiln {

/// Ops that become one kernel.
struct FusionGroup {
  /// In program order; the last one's value is what the group returns first.
  std::vector<Operation *> ops;
  /// The op the kernel is built around (a gemm with its epilogue, a scan
  /// with its prologues; for a pointwise group, its last op).
  Operation *root = nullptr;

  /// The root's family.
  KernelFamily family() const;
};

/// True for ops of the pointwise family (elementwise with broadcasting,
/// casts, selects, index-mapped movement).
bool isPointwise(Operation *op);

/// The groups of `func`'s body, in the order of their last ops. Sources
/// (kiln.param, kiln.constant) belong to no group.
std::vector<FusionGroup> decideFusionGroups(func::FuncOp func);

} // namespace mlir::kiln

#endif // KILN_PASSES_FUSIONDECISION_H
