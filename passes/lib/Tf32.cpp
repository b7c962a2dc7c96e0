//===- Tf32.cpp - Mark f32 GEMMs that may run on TF32 tensor cores --------===//
//
// TF32 is a precision choice the user makes, not an optimization the
// compiler may take silently: it rounds each operand to 10 mantissa bits.
// The choice is recorded on the op (`kiln.tf32`) rather than passed to code
// generation as a global flag, so the IR says which GEMMs were allowed to
// round, kiln-translate shows the same kernel kilnc builds, and a program
// can mark a single op by hand.
//
//===----------------------------------------------------------------------===//

#include "kiln/Passes/Passes.h"

#include "kiln/Dialect/Kiln/KilnDialect.h"
#include "kiln/Dialect/Kiln/KilnOps.h"

#include "mlir/IR/Builders.h"

namespace mlir::kiln {
#define GEN_PASS_DEF_KILNTF32
#include "kiln/Passes/Passes.h.inc"
} // namespace mlir::kiln

using namespace mlir;
using namespace mlir::kiln;

namespace {

struct Tf32Pass final : mlir::kiln::impl::KilnTf32Base<Tf32Pass> {
  using KilnTf32Base::KilnTf32Base;

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    if (func.isExternal())
      return;
    UnitAttr mark = UnitAttr::get(&getContext());
    // Top-level ops only: a kiln.fusion's body already has its kernel.
    for (Operation &op : func.getBody().front()) {
      bool wanted =
          (convolutions && isa<Conv1dOp, Conv2dOp, ConvTranspose2dOp>(op)) ||
          (matmuls && isa<MatmulOp>(op));
      if (wanted && KilnDialect::allowsTf32(&op))
        op.setAttr(KilnDialect::kTf32Attr, mark);
    }
  }
};

} // namespace
