//===- FormFusions.cpp - group kiln ops into kiln.fusion regions ----------===//
//
// Two phases, as IREE's FormDispatchRegions: decideFusionGroups
// (FusionDecision.cpp) looks at the IR and returns the groups; materialize()
// then builds one kiln.fusion per group, recording its family and marking
// its root op (kiln.root).
// Keeping the decision pure keeps it testable and lets the rules grow without
// touching the rewriting.
//
//===----------------------------------------------------------------------===//

#include "kiln/Passes/Passes.h"

#include "kiln/Dialect/Kiln/KilnOps.h"
#include "kiln/Passes/FusionDecision.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/Matchers.h"

namespace mlir::kiln {
#define GEN_PASS_DEF_KILNFORMFUSIONS
#include "kiln/Passes/Passes.h.inc"
} // namespace mlir::kiln

using namespace mlir;
using namespace mlir::kiln;

namespace {

/// Sources stay outside fusions: params are buffers, constants are either
/// cloned in (splats) or become buffers.
bool isSplatConstant(Value v) {
  auto c = v.getDefiningOp<ConstantOp>();
  return c && isa<SplatElementsAttr>(c.getValue());
}

/// Builds the kiln.fusion of one group at the position of its last op.
void materialize(const FusionGroup &group) {
  Operation *last = group.ops.back();
  llvm::SmallPtrSet<Operation *, 8> members(group.ops.begin(),
                                            group.ops.end());
  // Pointwise groups capture each outside value once and clone splat
  // constants in (they become literals). A lone root of another family
  // captures its operands one for one, duplicates and constants included, so
  // kernel parameter i is operand i.
  bool pointwise = isPointwise(group.root) || group.ops.size() > 1;
  SmallVector<Value> captured;
  llvm::SmallPtrSet<Value, 8> seen;
  for (Operation *op : group.ops)
    for (Value v : op->getOperands()) {
      if (members.count(v.getDefiningOp()))
        continue;
      if (!pointwise)
        captured.push_back(v);
      // A splat read by the group's gemm / reduction root stays an input:
      // those emitters read their operands from memory.
      else if ((!isSplatConstant(v) || !isPointwise(op)) &&
               seen.insert(v).second)
        captured.push_back(v);
    }
  // Results: the last op's, then any other member result used outside the
  // group (a scan with an epilogue also returns its last state).
  SmallVector<Value> results(last->getResults());
  for (Operation *op : group.ops)
    if (op != last)
      for (Value v : op->getResults())
        if (llvm::any_of(v.getUsers(),
                         [&](Operation *u) { return !members.count(u); }))
          results.push_back(v);
  SmallVector<Type> resultTypes;
  for (Value v : results)
    resultTypes.push_back(v.getType());
  OpBuilder builder(last);
  auto fusion =
      builder.create<FusionOp>(last->getLoc(), resultTypes, captured);
  fusion.setFamily(group.family());
  Block &body = fusion.getBody().front();
  IRMapping map;
  builder.setInsertionPointToStart(&body);
  if (!pointwise) {
    // Operand i ↦ block argument i (duplicates get distinct arguments).
    Operation *clone = builder.clone(*group.root);
    for (auto [i, arg] : llvm::enumerate(body.getArguments()))
      clone->setOperand(i, arg);
    map.map(group.root->getResults(), clone->getResults());
  } else {
    for (auto [v, arg] : llvm::zip(captured, body.getArguments()))
      map.map(v, arg);
    for (Operation *op : group.ops) {
      for (Value v : op->getOperands())
        if (isSplatConstant(v) && !map.contains(v))
          map.map(v, builder.clone(*v.getDefiningOp())->getResult(0));
      builder.clone(*op, map);
    }
  }
  map.lookup(group.root->getResult(0))
      .getDefiningOp()
      ->setAttr(KilnDialect::kRootAttr, builder.getUnitAttr());
  SmallVector<Value> yielded;
  for (Value r : results)
    yielded.push_back(map.lookup(r));
  builder.create<YieldOp>(last->getLoc(), yielded);
  for (auto [v, f] : llvm::zip(results, fusion.getResults()))
    v.replaceAllUsesWith(f);
  for (Operation *op : llvm::reverse(group.ops))
    op->erase();
}

struct FormFusionsPass final
    : mlir::kiln::impl::KilnFormFusionsBase<FormFusionsPass> {
  void runOnOperation() override {
    func::FuncOp func = getOperation();
    if (func.isExternal())
      return;
    for (const FusionGroup &group : decideFusionGroups(func))
      materialize(group);
    // Splat constants now cloned into every fusion that used them.
    func.walk([](ConstantOp c) {
      if (c->use_empty() && !isa<FusionOp>(c->getParentOp()))
        c->erase();
    });
  }
};

} // namespace

std::unique_ptr<Pass> mlir::kiln::createFormFusionsPass() {
  return std::make_unique<FormFusionsPass>();
}
