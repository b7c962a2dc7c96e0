//===- HopperGemm.cpp - Put large x · Wᵀ matmuls on the sm_90a kernel -----===//
//
// The Hopper kernel (TMA, mbarriers, wgmma) is code for sm_90a only, so
// choosing it is a decision about where the artifact will run: the driver
// asks for this pass when every target is sm_90a. The choice is recorded on
// the op (`kiln.tile`), as a hand-written program would make it, so the IR
// shows which GEMMs took it and kiln-translate builds the same kernels.
//
//===----------------------------------------------------------------------===//

#include "kiln/Passes/Passes.h"

#include "kiln/Dialect/Kiln/KilnDialect.h"
#include "kiln/Dialect/Kiln/KilnOps.h"

#include "mlir/IR/Builders.h"

namespace mlir::kiln {
#define GEN_PASS_DEF_KILNHOPPERGEMM
#include "kiln/Passes/Passes.h.inc"
} // namespace mlir::kiln

using namespace mlir;
using namespace mlir::kiln;

namespace {

struct HopperGemmPass final
    : mlir::kiln::impl::KilnHopperGemmBase<HopperGemmPass> {
  using KilnHopperGemmBase::KilnHopperGemmBase;

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    if (func.isExternal())
      return;
    StringAttr tile = StringAttr::get(&getContext(), "128x128_sm90a");
    // Top-level ops only: a kiln.fusion's body already has its kernel.
    for (auto op : func.getBody().front().getOps<MatmulOp>()) {
      if (op->hasAttr(KilnDialect::kTileAttr) ||
          !KilnDialect::fitsHopperGemm(op))
        continue;
      // The batches' rows are one tall A (one W for all of them).
      auto r = cast<RankedTensorType>(op.getResult().getType());
      int64_t n = r.getDimSize(r.getRank() - 1), rows = r.getNumElements() / n;
      if (((rows + 127) / 128) * ((n + 127) / 128) >= minTiles)
        op->setAttr(KilnDialect::kTileAttr, tile);
    }
  }
};

} // namespace
