//===- FusionDecision.cpp - which ops become one kernel -------------------===//
//
// As IREE's FormDispatchRegions decides dispatch regions before it forms
// them: every kernel root starts a group; pointwise producers join the
// pointwise group of their only user, so chains become one kernel and
// nothing is computed twice; a root that takes an epilogue absorbs the
// pointwise group its result feeds; a root that takes prologues absorbs the
// pointwise groups producing its operands. The rules ask each op's
// KernelRootOpInterface, so a new op joins them by declaring its family.
//
//===----------------------------------------------------------------------===//

#include "kiln/Passes/FusionDecision.h"

#include "llvm/ADT/DenseMap.h"

using namespace mlir;
using namespace mlir::kiln;

KernelFamily FusionGroup::family() const {
  return cast<KernelRootOpInterface>(root).getKernelFamily();
}

bool mlir::kiln::isPointwise(Operation *op) {
  auto root = dyn_cast<KernelRootOpInterface>(op);
  return root && root.getKernelFamily() == KernelFamily::Pointwise;
}

namespace {

bool acceptsEpilogue(Operation *op) {
  auto root = dyn_cast<KernelRootOpInterface>(op);
  return root && root.acceptsEpilogue();
}

bool acceptsPrologue(Operation *op) {
  auto root = dyn_cast<KernelRootOpInterface>(op);
  return root && root.acceptsPrologue();
}

/// True when `from` … `to` is a chain of elementwise ops, each the single
/// user of the previous, all with the shape of `type`: the root's value is
/// then read at the output index itself.
bool isIdentityPath(Operation *from, Operation *to, Type type) {
  auto shape = cast<RankedTensorType>(type).getShape();
  for (Operation *op = from;;) {
    if (!op->hasTrait<OpTrait::kiln::ElementwiseBroadcastable>() ||
        op->getNumResults() != 1 ||
        cast<RankedTensorType>(op->getResult(0).getType()).getShape() != shape)
      return false;
    if (op == to)
      return true;
    if (!op->getResult(0).hasOneUse())
      return false;
    op = *op->getResult(0).getUsers().begin();
  }
}

/// The groups as they are being decided: ops of a group by index.
class Grouping {
public:
  std::vector<FusionGroup> groups;
  llvm::DenseMap<Operation *, size_t> groupOf;

  size_t start(Operation *root) {
    groups.push_back({{root}, root});
    groupOf[root] = groups.size() - 1;
    return groups.size() - 1;
  }

  /// Moves every op of group `from` into group `into` (program order kept);
  /// `into`'s root stays.
  void merge(size_t from, size_t into) {
    for (Operation *o : groups[from].ops) {
      groups[into].ops.push_back(o);
      groupOf[o] = into;
    }
    groups[from].ops.clear();
    llvm::sort(groups[into].ops, [](Operation *a, Operation *b) {
      return a->isBeforeInBlock(b);
    });
  }

  bool isPointwiseGroup(size_t g) const {
    return llvm::all_of(groups[g].ops, isPointwise);
  }
};

/// A pointwise op joins the groups of its pointwise producers that it is the
/// only user of (a diamond of single-use values cannot occur).
void addPointwise(Grouping &grouping, Operation *op) {
  std::optional<size_t> joined;
  for (Value operand : op->getOperands()) {
    Operation *producer = operand.getDefiningOp();
    if (!producer || !grouping.groupOf.count(producer) ||
        !isPointwise(producer) || !operand.hasOneUse() ||
        producer->getNumResults() != 1)
      continue;
    size_t g = grouping.groupOf[producer];
    if (grouping.groups[g].ops.back() != producer)
      continue; // only a group's last op may be extended
    if (!joined)
      joined = g;
    else if (*joined != g)
      grouping.merge(g, *joined); // two producer groups feed this op
  }
  if (!joined) {
    grouping.start(op);
    return;
  }
  grouping.groups[*joined].ops.push_back(op);
  grouping.groups[*joined].root = op;
  grouping.groupOf[op] = *joined;
}

/// A root whose only user starts an elementwise path of its own shape to a
/// pointwise group's last op takes that whole group in (bias, affine,
/// activation, residual and cast run inside the root's kernel).
void absorbEpilogue(Grouping &grouping, size_t r) {
  FusionGroup &group = grouping.groups[r];
  if (group.ops.size() != 1 || !acceptsEpilogue(group.root))
    return;
  Operation *root = group.root;
  Value result = root->getResult(0);
  if (!result.hasOneUse())
    return;
  Operation *user = *result.getUsers().begin();
  if (!grouping.groupOf.count(user))
    return;
  size_t g = grouping.groupOf[user];
  // Only a purely pointwise group: `matmul + matmul` must not put two gemm
  // roots into one kernel.
  if (g == r || !grouping.isPointwiseGroup(g) ||
      !isIdentityPath(user, grouping.groups[g].ops.back(), result.getType()))
    return;
  // The fusion takes the epilogue's place, so the root's other results (the
  // scan's last state) must not be used before it.
  Operation *end = grouping.groups[g].ops.back();
  if (llvm::any_of(root->getResults().drop_front(), [&](Value v) {
        return llvm::any_of(v.getUsers(), [&](Operation *u) {
          return !u->getBlock() || u->getBlock() != end->getBlock() ||
                 !end->isBeforeInBlock(u);
        });
      }))
    return;
  grouping.merge(g, r);
}

/// A pointwise group whose last op's one use is an operand of a root that
/// takes prologues runs inside the root's kernel.
void absorbPrologues(Grouping &grouping, size_t r) {
  Operation *root = grouping.groups[r].root;
  if (grouping.groups[r].ops.empty() || !acceptsPrologue(root))
    return;
  for (Value operand : root->getOperands()) {
    Operation *producer = operand.getDefiningOp();
    if (!producer || !grouping.groupOf.count(producer) ||
        !operand.hasOneUse() || producer->getNumResults() != 1)
      continue;
    size_t g = grouping.groupOf[producer];
    if (g == r || grouping.groups[g].ops.back() != producer ||
        !grouping.isPointwiseGroup(g))
      continue;
    grouping.merge(g, r);
  }
}

} // namespace

std::vector<FusionGroup> mlir::kiln::decideFusionGroups(func::FuncOp func) {
  // Program order: a producer's group is decided before its consumer looks.
  Grouping grouping;
  for (Operation &op : func.getBody().front()) {
    if (!isa<KernelRootOpInterface>(op))
      continue; // sources, fusions, func.return
    if (isPointwise(&op))
      addPointwise(grouping, &op);
    else
      grouping.start(&op);
  }
  for (size_t r = 0; r < grouping.groups.size(); ++r)
    absorbEpilogue(grouping, r);
  for (size_t r = 0; r < grouping.groups.size(); ++r)
    absorbPrologues(grouping, r);
  std::vector<FusionGroup> result;
  for (FusionGroup &g : grouping.groups)
    if (!g.ops.empty())
      result.push_back(std::move(g));
  return result;
}
