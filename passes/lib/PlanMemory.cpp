//===- PlanMemory.cpp - liveness-based arena offsets for fusion results ---===//
//
// Each kiln.fusion result needs device memory from the kernel that writes it
// to the last kernel that reads it (function results: to the end). Lifetimes
// are intervals over the function body; offsets are assigned first fit in
// program order, so buffers whose lifetimes do not overlap share bytes and
// the arena is as large as the peak, not the sum.
//
// In place: a purely elementwise fusion (every op elementwise with the
// result's shape, so each thread reads an input element only where it
// writes the same element) whose input is an arena buffer of the same size
// that dies at this kernel writes its result over that input
// (`kiln.in_place`); the emitter then drops `__restrict__` from the pair.
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

/// True when every op of the fusion's body is elementwise with the result's
/// shape (constants aside): each input of that shape is then read only at
/// the index its thread writes.
bool isElementwiseOnly(FusionOp fusion) {
  Type shape = fusion->getResult(0).getType();
  for (Operation &op : fusion.getBody().front().without_terminator()) {
    if (isa<ConstantOp>(op))
      continue;
    if (!op.hasTrait<OpTrait::kiln::ElementwiseBroadcastable>() ||
        op.getNumResults() != 1 ||
        cast<RankedTensorType>(op.getResult(0).getType()).getShape() !=
            cast<RankedTensorType>(shape).getShape())
      return false;
  }
  return true;
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
    llvm::DenseMap<Value, size_t> intervalOf;
    for (FusionOp fusion : body.getOps<FusionOp>())
      for (OpResult r : fusion->getResults()) {
        int64_t end = position[fusion];
        for (Operation *user : r.getUsers())
          end = std::max(end, isa<func::ReturnOp>(user) ? n : position[user]);
        int64_t bytes = (byteSize(r.getType()) + alignment - 1) / alignment *
                        alignment;
        intervalOf[r] = intervals.size();
        intervals.push_back({position[fusion], end, bytes});
        owners.emplace_back(fusion, r.getResultNumber());
      }

    // In-place candidates: result interval → (input index, input interval).
    llvm::DenseMap<size_t, std::pair<unsigned, size_t>> inPlace;
    for (FusionOp fusion : body.getOps<FusionOp>()) {
      if (fusion.getKernelFamily() != KernelFamily::Pointwise || fusion->getNumResults() != 1 ||
          !isElementwiseOnly(fusion))
        continue;
      Value result = fusion->getResult(0);
      for (auto [i, input] : llvm::enumerate(fusion.getInputs())) {
        auto it = intervalOf.find(input);
        if (it == intervalOf.end() || input.getType() != result.getType() ||
            intervals[it->second].end != position[fusion])
          continue;
        inPlace[intervalOf[result]] = {static_cast<unsigned>(i), it->second};
        break;
      }
    }

    // First fit in program order against the buffers still alive.
    int64_t peak = 0;
    for (size_t i = 0; i < intervals.size(); ++i) {
      Interval &cur = intervals[i];
      if (auto it = inPlace.find(i); it != inPlace.end()) {
        // The input's bytes: no other live buffer overlaps them at this
        // kernel, and the input is dead after it.
        cur.offset = intervals[it->second.second].offset;
        owners[i].first->setAttr(
            KilnDialect::kInPlaceAttr,
            Builder(func.getContext()).getI64IntegerAttr(it->second.first));
        peak = std::max(peak, cur.offset + cur.bytes);
        continue;
      }
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
