//===- PlanMemory.cpp - liveness-based arena offsets for fusion results ---===//
//
// Each kiln.fusion result needs device memory from the kernel that writes it
// to the last kernel that reads it (function results: to the end). Lifetimes
// are intervals over the function body; offsets are assigned first fit in
// program order, so buffers whose lifetimes do not overlap share bytes and
// the arena is as large as the peak, not the sum.
//
//===----------------------------------------------------------------------===//

#include "kiln/Passes/Passes.h"

#include "kiln/Dialect/Kiln/KilnOps.h"

#include "mlir/IR/Builders.h"
#include "llvm/ADT/DenseMap.h"

namespace mlir::kiln {
#define GEN_PASS_DEF_KILNPLANMEMORY
#include "kiln/Passes/Passes.h.inc"
} // namespace mlir::kiln

using namespace mlir;
using namespace mlir::kiln;

namespace {

int64_t byteSize(Type type) {
  auto t = cast<RankedTensorType>(type);
  int64_t bits = t.getElementType().getIntOrFloatBitWidth();
  return t.getNumElements() * std::max<int64_t>(bits / 8, 1);
}

struct Interval {
  int64_t start, end, bytes, offset = -1;
};

struct PlanMemoryPass final : mlir::kiln::impl::KilnPlanMemoryBase<PlanMemoryPass> {
  using KilnPlanMemoryBase::KilnPlanMemoryBase;

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    if (func.isExternal())
      return;
    if (alignment < 1 || (alignment & (alignment - 1))) {
      func.emitError() << "kiln-plan-memory: alignment must be a power of two, "
                          "got "
                       << static_cast<int64_t>(alignment);
      return signalPassFailure();
    }
    Block &body = func.getBody().front();
    llvm::DenseMap<Operation *, int64_t> position;
    int64_t n = 0;
    for (Operation &op : body)
      position[&op] = n++;

    std::vector<Interval> intervals;
    std::vector<std::pair<FusionOp, unsigned>> owners;
    for (FusionOp fusion : body.getOps<FusionOp>())
      for (OpResult r : fusion->getResults()) {
        int64_t end = position[fusion];
        for (Operation *user : r.getUsers())
          end = std::max(end, isa<func::ReturnOp>(user) ? n : position[user]);
        int64_t bytes = (byteSize(r.getType()) + alignment - 1) / alignment *
                        alignment;
        intervals.push_back({position[fusion], end, bytes});
        owners.emplace_back(fusion, r.getResultNumber());
      }

    // First fit in program order against the buffers still alive.
    int64_t peak = 0;
    for (size_t i = 0; i < intervals.size(); ++i) {
      Interval &cur = intervals[i];
      std::vector<std::pair<int64_t, int64_t>> busy; // [offset, offset+bytes)
      for (size_t j = 0; j < i; ++j)
        if (intervals[j].end >= cur.start)
          busy.emplace_back(intervals[j].offset,
                            intervals[j].offset + intervals[j].bytes);
      llvm::sort(busy);
      int64_t offset = 0;
      for (auto [lo, hi] : busy) {
        if (offset + cur.bytes <= lo)
          break;
        offset = std::max(offset, hi);
      }
      cur.offset = offset;
      peak = std::max(peak, offset + cur.bytes);
    }

    Builder b(func.getContext());
    llvm::DenseMap<Operation *, SmallVector<int64_t>> offsets;
    for (auto [interval, owner] : llvm::zip(intervals, owners)) {
      auto &list = offsets[owner.first];
      list.resize(owner.first->getNumResults(), 0);
      list[owner.second] = interval.offset;
    }
    for (auto &[op, list] : offsets)
      op->setAttr(KilnDialect::kArenaOffsetsAttr, b.getDenseI64ArrayAttr(list));
    func->setAttr(KilnDialect::kArenaBytesAttr, b.getI64IntegerAttr(peak));
  }
};

} // namespace

std::unique_ptr<Pass> mlir::kiln::createPlanMemoryPass() {
  return std::make_unique<PlanMemoryPass>();
}
