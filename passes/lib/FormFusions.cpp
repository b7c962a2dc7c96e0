//===- FormFusions.cpp - group kiln ops into kiln.fusion regions ----------===//
//
// Two phases, as IREE's FormDispatchRegions: decideFusionGroups looks at the
// IR and returns the groups; materialize() then builds one kiln.fusion per
// group. Keeping the decision pure keeps it testable and lets the rules grow
// (producers and consumers admitted by small predicates) without touching
// the rewriting.
//
//===----------------------------------------------------------------------===//

#include "kiln/Passes/Passes.h"

#include "kiln/Dialect/Kiln/KilnOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/Matchers.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/TypeSwitch.h"

namespace mlir::kiln {
#define GEN_PASS_DEF_KILNFORMFUSIONS
#include "kiln/Passes/Passes.h.inc"
} // namespace mlir::kiln

using namespace mlir;
using namespace mlir::kiln;

bool mlir::kiln::isPointwise(Operation *op) {
  return op->hasTrait<OpTrait::kiln::ElementwiseBroadcastable>() ||
         isa<ReshapeOp, TransposeOp, BroadcastToOp, SliceOp, PadOp, ConcatOp,
             PixelShuffleOp, PixelUnshuffleOp>(op);
}

StringRef mlir::kiln::fusionFamily(Operation *op) {
  if (isPointwise(op) || isa<ResizeOp>(op))
    return "pointwise";
  return llvm::TypeSwitch<Operation *, StringRef>(op)
      .Case<ReduceSumOp, ReduceMeanOp, ReduceMaxOp, ReduceMinOp, SoftmaxOp,
            LogSoftmaxOp, LayerNormOp, RmsNormOp, GroupNormOp, ArgmaxOp,
            CumsumOp, TopkOp>([](Operation *) { return "row_reduction"; })
      .Case<MatmulOp, QmatmulOp>([](Operation *) { return "gemm"; })
      .Case<Conv2dOp, ConvTranspose2dOp, Conv1dOp>(
          [](Operation *) { return "convolution"; })
      .Case<AttentionOp, DecodeAttentionOp, AttentionMassOp,
            AttentionColsumOp, RopeOp>([](Operation *) { return "attention"; })
      .Case<SelectiveScanOp>([](Operation *) { return "scan"; })
      .Default([](Operation *) { return "data"; });
}

namespace {

/// Sources stay outside fusions: params are buffers, constants are either
/// cloned in (splats) or become buffers.
bool isSource(Operation *op) { return isa<ParamOp, ConstantOp>(op); }

bool isSplatConstant(Value v) {
  auto c = v.getDefiningOp<ConstantOp>();
  return c && isa<SplatElementsAttr>(c.getValue());
}

/// Roots whose kernels compute one output element at a time, so an
/// elementwise epilogue can run on the value before it is stored: gemms,
/// convolutions, and the row reductions whose output has the input's shape
/// (softmax, norms: `layer_norm(x) * w + b` then an activation is one kernel).
/// The selective scan too: y_t is computed one element at a time (the D skip
/// and the SiLU(z) gate), while its second result, the last state, leaves
/// the kernel as a second output.
bool acceptsEpilogue(Operation *op) {
  return isa<MatmulOp, QmatmulOp, Conv2dOp, Conv1dOp, ConvTranspose2dOp,
             SoftmaxOp, LogSoftmaxOp, LayerNormOp, GroupNormOp, RmsNormOp,
             SelectiveScanOp>(op);
}

/// Roots whose kernels evaluate each operand element where they read it, so
/// a pointwise group producing an operand can run inside them as a
/// prologue: the scan reads u, Δ, A, B, C and h0 element by element
/// (softplus(Δ + bias), −exp(A_log) and the slices of x_proj's output need
/// no buffers of their own).
bool acceptsPrologue(Operation *op) { return isa<SelectiveScanOp>(op); }

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

} // namespace

std::vector<std::vector<Operation *>>
mlir::kiln::decideFusionGroups(func::FuncOp func) {
  // groupOf[op] = index of its group; ops are visited in program order, so a
  // producer's group is decided before its consumer looks at it.
  llvm::DenseMap<Operation *, size_t> groupOf;
  std::vector<std::vector<Operation *>> groups;
  for (Operation &op : func.getBody().front()) {
    if (op.getDialect() != op.getContext()->getLoadedDialect<KilnDialect>() ||
        isSource(&op) || isa<FusionOp>(op))
      continue;
    std::optional<size_t> joined;
    if (isPointwise(&op)) {
      // Absorb pointwise producers whose only user is this op. Producers
      // already in one group merge into it (a diamond of single-use values
      // cannot occur: each has one user).
      for (Value operand : op.getOperands()) {
        Operation *producer = operand.getDefiningOp();
        if (!producer || !groupOf.count(producer) || !isPointwise(producer) ||
            !operand.hasOneUse() || producer->getNumResults() != 1)
          continue;
        size_t g = groupOf[producer];
        if (groups[g].back() != producer)
          continue; // only a group's root may be extended
        if (!joined) {
          joined = g;
        } else if (*joined != g) {
          // Two producer groups feed this op: merge the later into the
          // earlier, keeping program order.
          std::vector<Operation *> &into = groups[*joined];
          for (Operation *o : groups[g]) {
            into.push_back(o);
            groupOf[o] = *joined;
          }
          groups[g].clear();
          llvm::sort(into, [](Operation *a, Operation *b) {
            return a->isBeforeInBlock(b);
          });
        }
      }
    }
    if (!joined) {
      joined = groups.size();
      groups.emplace_back();
    }
    groups[*joined].push_back(&op);
    groupOf[&op] = *joined;
  }
  // Epilogues: a gemm, convolution, softmax or norm root whose only user
  // starts an elementwise path of its own shape to a pointwise group's root
  // takes that whole group in (bias, affine, activation, residual and cast
  // fuse into the kernel).
  for (size_t r = 0; r < groups.size(); ++r) {
    if (groups[r].size() != 1 || !acceptsEpilogue(groups[r][0]))
      continue;
    Operation *root = groups[r][0];
    Value result = root->getResult(0);
    if (!result.hasOneUse())
      continue;
    Operation *user = *result.getUsers().begin();
    if (!groupOf.count(user))
      continue;
    size_t g = groupOf[user];
    // Only a purely pointwise group: `matmul + matmul` must not put two gemm
    // roots into one kernel.
    if (g == r || !llvm::all_of(groups[g], isPointwise) ||
        !isIdentityPath(user, groups[g].back(), result.getType()))
      continue;
    // The fusion takes the epilogue's place, so the root's other results
    // (the scan's last state) must not be used before it.
    Operation *end = groups[g].back();
    if (llvm::any_of(root->getResults().drop_front(), [&](Value v) {
          return llvm::any_of(v.getUsers(), [&](Operation *u) {
            return !u->getBlock() || u->getBlock() != end->getBlock() ||
                   !end->isBeforeInBlock(u);
          });
        }))
      continue;
    for (Operation *o : groups[g]) {
      groups[r].push_back(o);
      groupOf[o] = r;
    }
    groups[g].clear();
    llvm::sort(groups[r], [](Operation *a, Operation *b) {
      return a->isBeforeInBlock(b);
    });
  }
  // Prologues: a pointwise group whose root's one use is an operand of a
  // scan runs inside the scan's kernel.
  for (size_t r = 0; r < groups.size(); ++r) {
    if (groups[r].empty())
      continue;
    auto root = llvm::find_if(groups[r], acceptsPrologue);
    if (root == groups[r].end())
      continue;
    Operation *consumer = *root;
    for (Value operand : consumer->getOperands()) {
      Operation *producer = operand.getDefiningOp();
      if (!producer || !groupOf.count(producer) || !operand.hasOneUse() ||
          producer->getNumResults() != 1)
        continue;
      size_t g = groupOf[producer];
      if (g == r || groups[g].back() != producer ||
          !llvm::all_of(groups[g], isPointwise))
        continue;
      for (Operation *o : groups[g]) {
        groups[r].push_back(o);
        groupOf[o] = r;
      }
      groups[g].clear();
    }
    llvm::sort(groups[r], [](Operation *a, Operation *b) {
      return a->isBeforeInBlock(b);
    });
  }
  std::vector<std::vector<Operation *>> result;
  for (auto &g : groups)
    if (!g.empty())
      result.push_back(std::move(g));
  return result;
}

namespace {

/// Builds the kiln.fusion of one group at the position of its root.
void materialize(ArrayRef<Operation *> group) {
  Operation *root = group.back();
  llvm::SmallPtrSet<Operation *, 8> members(group.begin(), group.end());
  // Pointwise groups capture each outside value once and clone splat
  // constants in (they become literals). A lone root of another family
  // captures its operands one for one, duplicates and constants included, so
  // kernel parameter i is operand i.
  bool pointwise = isPointwise(root) || group.size() > 1;
  SmallVector<Value> captured;
  llvm::SmallPtrSet<Value, 8> seen;
  for (Operation *op : group)
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
  // Results: the root's, then any other member result used outside the
  // group (a scan with an epilogue also returns its last state).
  SmallVector<Value> results(root->getResults());
  for (Operation *op : group)
    if (op != root)
      for (Value v : op->getResults())
        if (llvm::any_of(v.getUsers(),
                         [&](Operation *u) { return !members.count(u); }))
          results.push_back(v);
  SmallVector<Type> resultTypes;
  for (Value v : results)
    resultTypes.push_back(v.getType());
  OpBuilder builder(root);
  auto fusion =
      builder.create<FusionOp>(root->getLoc(), resultTypes, captured);
  // The family is the first non-pointwise op's (a gemm with its epilogue is
  // a gemm), else pointwise.
  Operation *familyOp = root;
  for (Operation *op : group)
    if (!isPointwise(op)) {
      familyOp = op;
      break;
    }
  fusion.setFamily(fusionFamily(familyOp));
  Block &body = fusion.getBody().front();
  IRMapping map;
  builder.setInsertionPointToStart(&body);
  if (!pointwise) {
    // Operand i ↦ block argument i (duplicates get distinct arguments).
    Operation *clone = builder.clone(*root);
    for (auto [i, arg] : llvm::enumerate(body.getArguments()))
      clone->setOperand(i, arg);
    map.map(root->getResults(), clone->getResults());
  } else {
    for (auto [v, arg] : llvm::zip(captured, body.getArguments()))
      map.map(v, arg);
    for (Operation *op : group) {
      for (Value v : op->getOperands())
        if (isSplatConstant(v) && !map.contains(v))
          map.map(v, builder.clone(*v.getDefiningOp())->getResult(0));
      builder.clone(*op, map);
    }
  }
  SmallVector<Value> yielded;
  for (Value r : results)
    yielded.push_back(map.lookup(r));
  builder.create<YieldOp>(root->getLoc(), yielded);
  for (auto [v, f] : llvm::zip(results, fusion.getResults()))
    v.replaceAllUsesWith(f);
  for (Operation *op : llvm::reverse(group))
    op->erase();
}

struct FormFusionsPass final
    : mlir::kiln::impl::KilnFormFusionsBase<FormFusionsPass> {
  void runOnOperation() override {
    func::FuncOp func = getOperation();
    if (func.isExternal())
      return;
    for (const std::vector<Operation *> &group : decideFusionGroups(func))
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
