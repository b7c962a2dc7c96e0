//===- Precision.cpp - run a program's float math in one type -------------===//
//
// `kilnc compile --precision bf16` (or f16, f32): every float tensor inside
// the function — params, constants and activations — takes the chosen type;
// the function's inputs are cast on entry and its results cast back to
// their declared types on return, so callers see the same signature. What
// ops.md keeps in f32 stays there: kernels accumulate matmuls and
// convolutions in f32 and compute norm statistics, softmax and the scan's
// recurrence in f32 whatever the storage type; quantization scales are f32
// by definition; and the selective scan's state (h0, h_last) keeps its
// declared type when it comes straight from an input, so a recurrent state
// carried across decode steps is not rounded to 16 bits every step. A
// `kiln.cast {keep}` keeps the type it names (an f32 residual stream) and
// reads its operand unconverted (an input or constant read only that way
// keeps its declared type); ops between pinned values stay in their type,
// and a pinned value used with values of the target type is converted to
// it there.
//
//===----------------------------------------------------------------------===//

#include "kiln/Passes/Passes.h"

#include "kiln/Dialect/Kiln/KilnOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"

namespace mlir::kiln {
#define GEN_PASS_DEF_KILNPRECISION
#include "kiln/Passes/Passes.h.inc"
} // namespace mlir::kiln

using namespace mlir;
using namespace mlir::kiln;

namespace {

Type withElement(Type t, Type element) {
  auto r = cast<RankedTensorType>(t);
  return RankedTensorType::get(r.getShape(), element);
}

bool isFloatTensor(Type t) {
  auto r = dyn_cast<RankedTensorType>(t);
  return r && isa<FloatType>(r.getElementType());
}

/// Operands that keep their type: quantization scales (f32 by ops.md), a
/// selective scan's state, and what a pinned cast reads (so an input,
/// param or constant read only through `kiln.cast {keep}` to f32 reaches
/// it unrounded: a diffusion timestep's sinusoid needs every bit).
bool keepsType(OpOperand &use) {
  Operation *user = use.getOwner();
  unsigned i = use.getOperandNumber();
  if (auto c = dyn_cast<CastOp>(user); c && c.getKeep())
    return true;
  return (isa<QmatmulOp>(user) && i == 2) ||
         (isa<DequantizeOp>(user) && i == 1) ||
         (isa<SelectiveScanOp>(user) && i == 5);
}

struct PrecisionPass final
    : mlir::kiln::impl::KilnPrecisionBase<PrecisionPass> {
  using KilnPrecisionBase::KilnPrecisionBase;

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    if (func.isExternal())
      return;
    MLIRContext *ctx = &getContext();
    Type target = precision == "f32"    ? Type(Float32Type::get(ctx))
                  : precision == "bf16" ? Type(BFloat16Type::get(ctx))
                  : precision == "f16"  ? Type(Float16Type::get(ctx))
                                        : Type();
    if (!target) {
      func.emitError() << "kiln-precision: precision must be f32, bf16 or "
                          "f16, got '"
                       << precision << "'";
      return signalPassFailure();
    }
    Block &body = func.getBody().front();
    OpBuilder b(ctx);

    // Inputs: one cast on entry, shared by every use except a scan state.
    for (BlockArgument arg : body.getArguments()) {
      if (!isFloatTensor(arg.getType()) ||
          cast<RankedTensorType>(arg.getType()).getElementType() == target)
        continue;
      Value converted;
      for (OpOperand &use : llvm::make_early_inc_range(arg.getUses())) {
        if (keepsType(use))
          continue;
        if (!converted) {
          b.setInsertionPointToStart(&body);
          converted = b.create<CastOp>(arg.getLoc(),
                                       withElement(arg.getType(), target), arg);
        }
        use.set(converted);
      }
    }

    // The body, in order: sources take the type, the rest re-infer.
    for (Operation &op : llvm::make_early_inc_range(body)) {
      if (isa<func::ReturnOp>(op))
        continue;
      // A pinned cast keeps its type; its marker has done its job.
      if (auto c = dyn_cast<CastOp>(op); c && c.getKeep()) {
        c.setKeep(false);
        continue;
      }
      // Sources read only as scales keep their type.
      if (isa<ParamOp, ConstantOp>(op) && !op.use_empty() &&
          llvm::all_of(op.getResult(0).getUses(),
                       [](OpOperand &use) { return keepsType(use); }))
        continue;
      if (auto c = dyn_cast<ConstantOp>(op)) {
        auto dense = dyn_cast<DenseElementsAttr>(c.getValue());
        if (!dense || !isFloatTensor(c.getType()) ||
            c.getType().getElementType() == target)
          continue;
        // Float constants are rounded to the target type once, here.
        auto newType = cast<RankedTensorType>(withElement(c.getType(), target));
        const llvm::fltSemantics &sem =
            cast<FloatType>(target).getFloatSemantics();
        SmallVector<APFloat> values;
        for (APFloat v : dense.getValues<APFloat>()) {
          bool lost;
          v.convert(sem, APFloat::rmNearestTiesToEven, &lost);
          values.push_back(v);
        }
        c.setValueAttr(DenseElementsAttr::get(newType, values));
        c.getResult().setType(newType);
        continue;
      }
      if (auto scan = dyn_cast<SelectiveScanOp>(op)) {
        // A state computed inside the function keeps f32 or its type.
        Value h0 = scan.getH0();
        if (isFloatTensor(h0.getType()) &&
            cast<RankedTensorType>(h0.getType()).getElementType() == target &&
            !target.isF32() && !isa<BlockArgument>(h0)) {
          b.setInsertionPoint(scan);
          scan->setOperand(
              5, b.create<CastOp>(scan.getLoc(),
                                  withElement(h0.getType(),
                                              Float32Type::get(ctx)),
                                  h0));
        }
      }
      // A pinned value meeting operands of the target type joins them (its
      // own ops, such as an f32 residual add, stay in its type).
      if (!isa<CastOp>(op)) {
        bool mixed = false, sawTarget = false;
        for (OpOperand &use : op.getOpOperands())
          if (!keepsType(use) && isFloatTensor(use.get().getType())) {
            bool isTarget = cast<RankedTensorType>(use.get().getType())
                                .getElementType() == target;
            sawTarget |= isTarget;
            mixed |= !isTarget;
          }
        if (mixed && sawTarget) {
          b.setInsertionPoint(&op);
          for (OpOperand &use : op.getOpOperands())
            if (!keepsType(use) && isFloatTensor(use.get().getType()) &&
                cast<RankedTensorType>(use.get().getType()).getElementType() !=
                    target)
              use.set(b.create<CastOp>(op.getLoc(),
                                       withElement(use.get().getType(), target),
                                       use.get()));
        }
      }
      if (auto infer = dyn_cast<InferTypeOpInterface>(op)) {
        SmallVector<Type> types;
        if (failed(infer.inferReturnTypes(
                ctx, op.getLoc(), op.getOperands(), op.getAttrDictionary(),
                op.getPropertiesStorage(), op.getRegions(), types))) {
          op.emitError("kiln-precision: the result types cannot be inferred "
                       "after retyping the operands");
          return signalPassFailure();
        }
        for (auto [r, t] : llvm::zip(op.getResults(), types))
          r.setType(t);
        continue;
      }
      // Ops that state their result type (param, cast, iota, random_normal,
      // unary ops of one type, reshape, broadcast_to, resize, dequantize):
      // float results take the target type, or follow their float operand.
      for (OpResult r : op.getResults()) {
        if (!isFloatTensor(r.getType()))
          continue;
        Type element = target;
        if (op.getNumOperands() > 0 && !isa<CastOp, DequantizeOp>(op) &&
            isFloatTensor(op.getOperand(0).getType()))
          element =
              cast<RankedTensorType>(op.getOperand(0).getType()).getElementType();
        r.setType(withElement(r.getType(), element));
      }
    }

    // Results: cast back to the declared types.
    auto ret = cast<func::ReturnOp>(body.getTerminator());
    b.setInsertionPoint(ret);
    for (auto [i, declared] :
         llvm::enumerate(func.getFunctionType().getResults())) {
      Value v = ret.getOperand(i);
      if (v.getType() != declared)
        ret.setOperand(i, b.create<CastOp>(ret.getLoc(), declared, v));
    }
    if (failed(verify(func))) {
      func.emitError("kiln-precision: the retyped function does not verify");
      return signalPassFailure();
    }
  }
};

} // namespace
