//===- Passes.h - Kiln's passes -------------------------------------------===//
//
// Pass constructors and registration, plus the pure decision function of the
// fusion pass (testable without rewriting IR).
//
//===----------------------------------------------------------------------===//

#ifndef KILN_PASSES_PASSES_H
#define KILN_PASSES_PASSES_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Pass/Pass.h"

#include <memory>
#include <vector>

namespace mlir::kiln {

/// The kernel family that implements an op as a group root.
StringRef fusionFamily(Operation *op);

/// True for ops the pointwise family computes per output element
/// (elementwise with broadcasting, casts, selects, index-mapped movement).
bool isPointwise(Operation *op);

/// The groups of `func`'s body, each in program order, the last op being the
/// group's root (the only op whose result may be used outside the group).
std::vector<std::vector<Operation *>> decideFusionGroups(func::FuncOp func);

#define GEN_PASS_DECL
#include "kiln/Passes/Passes.h.inc"

std::unique_ptr<Pass> createDecomposePass();
std::unique_ptr<Pass> createFormFusionsPass();
std::unique_ptr<Pass> createPlanMemoryPass();

#define GEN_PASS_REGISTRATION
#include "kiln/Passes/Passes.h.inc"

} // namespace mlir::kiln

#endif // KILN_PASSES_PASSES_H
