//===- Passes.h - Kiln's passes -------------------------------------------===//
//
// Pass constructors and registration. The fusion pass's decision function
// has a header of its own (FusionDecision.h).
//
//===----------------------------------------------------------------------===//

#ifndef KILN_PASSES_PASSES_H
#define KILN_PASSES_PASSES_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Pass/Pass.h"

#include <memory>

namespace mlir::kiln {

#define GEN_PASS_DECL
#include "kiln/Passes/Passes.h.inc"

std::unique_ptr<Pass> createDecomposePass();
std::unique_ptr<Pass> createFormFusionsPass();
std::unique_ptr<Pass> createPlanMemoryPass();

#define GEN_PASS_REGISTRATION
#include "kiln/Passes/Passes.h.inc"

} // namespace mlir::kiln

#endif // KILN_PASSES_PASSES_H
