//===- KilnDialect.cpp - the kiln dialect ---------------------------------===//
//
// Registers the ops and the kernel-family attribute, materializes folded
// constants and verifies the `kiln.name` / `kiln.tied` argument and result
// attributes (docs/ops.md, Conventions).
//
//===----------------------------------------------------------------------===//

#include "kiln/Dialect/Kiln/KilnDialect.h"
#include "kiln/Dialect/Kiln/KilnOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/Interfaces/FunctionInterfaces.h"

using namespace mlir;
using namespace mlir::kiln;

#include "kiln/Dialect/Kiln/KilnOpsDialect.cpp.inc"

void KilnDialect::initialize() {
  registerAttributes();
  addOperations<
#define GET_OP_LIST
#include "kiln/Dialect/Kiln/KilnOps.cpp.inc"
      >();
}

Operation *KilnDialect::materializeConstant(OpBuilder &builder,
                                            Attribute value, Type type,
                                            Location loc) {
  auto elements = dyn_cast<ElementsAttr>(value);
  if (!elements || elements.getType() != type)
    return nullptr;
  return builder.create<ConstantOp>(loc, elements);
}

namespace {
/// Checks `kiln.name`: a non-empty string, unique among the function's
/// arguments (or results) so tensors in safetensors files map one to one.
LogicalResult verifyNameAttr(Operation *op, NamedAttribute attr, bool isArg,
                             unsigned index) {
  StringRef what = isArg ? "argument" : "result";
  auto name = dyn_cast<StringAttr>(attr.getValue());
  if (!name || name.getValue().empty())
    return op->emitOpError() << "kiln.name of " << what << " #" << index
                             << " must be a non-empty string, got "
                             << attr.getValue();
  auto func = dyn_cast<FunctionOpInterface>(op);
  if (!func)
    return success();
  // Compare with every other effective name: explicit, or the default
  // argN / outN of ops.md.
  unsigned count = isArg ? func.getNumArguments() : func.getNumResults();
  for (unsigned other = 0; other < count; ++other) {
    if (other == index)
      continue;
    auto otherName = dyn_cast_or_null<StringAttr>(
        isArg ? func.getArgAttr(other, KilnDialect::kNameAttr)
              : func.getResultAttr(other, KilnDialect::kNameAttr));
    std::string effective =
        otherName ? otherName.getValue().str()
                  : (isArg ? "arg" : "out") + std::to_string(other);
    if (effective == name.getValue())
      return op->emitOpError()
             << "kiln.name \"" << name.getValue() << "\" names both " << what
             << " #" << std::min(other, index) << " and " << what << " #"
             << std::max(other, index);
  }
  return success();
}
} // namespace

LogicalResult KilnDialect::verifyRegionArgAttribute(Operation *op,
                                                    unsigned regionIndex,
                                                    unsigned argIndex,
                                                    NamedAttribute attr) {
  if (attr.getName() == kNameAttr)
    return verifyNameAttr(op, attr, /*isArg=*/true, argIndex);
  if (attr.getName() == kTiedAttr)
    return op->emitOpError()
           << "kiln.tied is a result attribute (on argument #" << argIndex
           << ")";
  return op->emitOpError() << "unknown kiln argument attribute '"
                           << attr.getName().getValue() << "' on argument #"
                           << argIndex << " (expected kiln.name)";
}

LogicalResult KilnDialect::verifyRegionResultAttribute(Operation *op,
                                                       unsigned regionIndex,
                                                       unsigned resultIndex,
                                                       NamedAttribute attr) {
  if (attr.getName() == kNameAttr)
    return verifyNameAttr(op, attr, /*isArg=*/false, resultIndex);
  if (attr.getName() != kTiedAttr)
    return op->emitOpError() << "unknown kiln result attribute '"
                             << attr.getName().getValue() << "' on result #"
                             << resultIndex
                             << " (expected kiln.name or kiln.tied)";
  auto tied = dyn_cast<IntegerAttr>(attr.getValue());
  if (!tied || !tied.getType().isInteger(64))
    return op->emitOpError() << "kiln.tied of result #" << resultIndex
                             << " must be an i64 argument index, got "
                             << attr.getValue();
  auto func = dyn_cast<FunctionOpInterface>(op);
  if (!func)
    return success();
  int64_t arg = tied.getInt();
  if (arg < 0 || arg >= static_cast<int64_t>(func.getNumArguments()))
    return op->emitOpError()
           << "kiln.tied = " << arg << " of result #" << resultIndex
           << " is not an argument index (the function has "
           << func.getNumArguments() << " arguments)";
  Type argType = func.getArgumentTypes()[arg];
  Type resultType = func.getResultTypes()[resultIndex];
  if (argType != resultType)
    return op->emitOpError()
           << "result #" << resultIndex << " is tied to argument #" << arg
           << " but their types differ: " << resultType << " vs " << argType;
  for (unsigned other = 0; other < resultIndex; ++other)
    if (func.getResultAttr(other, kTiedAttr) == tied)
      return op->emitOpError() << "results #" << other << " and #"
                               << resultIndex << " are both tied to argument #"
                               << arg;
  return success();
}

bool KilnDialect::allowsTf32(Operation *op) {
  return isa<MatmulOp, Conv1dOp, Conv2dOp, Conv2dChannelsLastOp,
             ConvTranspose2dOp>(op) &&
         op->getNumOperands() >= 2 &&
         llvm::all_of(op->getOperands().take_front(2), [](Value v) {
           auto t = dyn_cast<ShapedType>(v.getType());
           return t && t.getElementType().isF32();
         });
}

bool KilnDialect::fitsHopperGemm(Operation *op) {
  auto mm = dyn_cast<MatmulOp>(op);
  if (!mm)
    return false;
  auto a = dyn_cast<RankedTensorType>(mm.getA().getType());
  auto b = dyn_cast<RankedTensorType>(mm.getB().getType());
  auto r = dyn_cast<RankedTensorType>(mm.getResult().getType());
  if (!a || !b || !r || !a.hasStaticShape() || !b.hasStaticShape() ||
      !r.hasStaticShape() || r.getRank() < 2)
    return false;
  Type e = a.getElementType();
  int64_t m = r.getDimSize(r.getRank() - 2), n = r.getDimSize(r.getRank() - 1);
  int64_t k = a.getDimSize(a.getRank() - 1);
  // A one-row A reads the same either way (the GEMV's canonicalization).
  bool transposedA = mm.getTransposeA() && m != 1;
  // One weight for every batch: the batches' rows are one tall A.
  int64_t rows = m > 0 && n > 0 ? r.getNumElements() / n : 0;
  return (e.isBF16() || e.isF16()) && e == b.getElementType() &&
         !transposedA && mm.getTransposeB() && !mm.getTransposeA() &&
         b.getNumElements() == n * k && k % 8 == 0 && rows < (1 << 30) &&
         (n + 127) / 128 <= 65535 && k < (1 << 30); // N tiles on grid y
}

bool KilnDialect::isTensorCoreTile(StringRef tile) {
  return tile == "64x64" || tile == "128x64" || tile == "128x128" ||
         tile == "128x128_sm90a";
}

LogicalResult KilnDialect::verifyOperationAttribute(Operation *op,
                                                    NamedAttribute attr) {
  // Memory planning (kiln-plan-memory) records its results on the IR.
  if (attr.getName() == kArenaOffsetsAttr) {
    auto offsets = dyn_cast<DenseI64ArrayAttr>(attr.getValue());
    if (!isa<FusionOp>(op) || !offsets ||
        offsets.size() != static_cast<int64_t>(op->getNumResults()))
      return op->emitOpError()
             << "kiln.arena_offsets belongs on a kiln.fusion, one i64 per "
                "result";
    return success();
  }
  if (attr.getName() == kPackedInt4Attr) {
    auto param = dyn_cast<ParamOp>(op);
    if (!param || !isa<UnitAttr>(attr.getValue()) ||
        !param.getType().getElementType().isInteger(8) ||
        param.getType().getNumElements() % 2 != 0)
      return op->emitOpError()
             << "kiln.packed_int4 belongs on a kiln.param of i8 codes with an "
                "even element count, as a unit attribute";
    return success();
  }
  if (attr.getName() == kInPlaceAttr) {
    auto index = dyn_cast<IntegerAttr>(attr.getValue());
    auto fusion = dyn_cast<FusionOp>(op);
    if (!fusion || !index || index.getInt() < 0 ||
        index.getInt() >= static_cast<int64_t>(fusion.getInputs().size()))
      return op->emitOpError()
             << "kiln.in_place belongs on a kiln.fusion, as the index of one "
                "of its inputs";
    return success();
  }
  if (attr.getName() == kRootAttr) {
    if (!isa<UnitAttr>(attr.getValue()) || !isa<KernelRootOpInterface>(op) ||
        !isa_and_nonnull<FusionOp>(op->getParentOp()))
      return op->emitOpError()
             << "kiln.root marks the root of a kiln.fusion, as a unit "
                "attribute on an op of its body that roots a kernel";
    return success();
  }
  if (attr.getName() == kRedundantWeightsAttr) {
    auto names = dyn_cast<ArrayAttr>(attr.getValue());
    if (!isa<ModuleOp>(op) || !names ||
        !llvm::all_of(names, [](Attribute a) { return isa<StringAttr>(a); }))
      return op->emitOpError()
             << "kiln.redundant_weights belongs on the module, as a list of "
                "weight names";
    return success();
  }
  if (attr.getName() == kTf32Attr) {
    if (!isa<UnitAttr>(attr.getValue()) || !allowsTf32(op))
      return op->emitOpError()
             << "kiln.tf32 belongs on a kiln.matmul or convolution with f32 "
                "operands, as a unit attribute";
    return success();
  }
  if (attr.getName() == kTileAttr) {
    auto tile = dyn_cast<StringAttr>(attr.getValue());
    if (!tile || !isTensorCoreTile(tile.getValue()) ||
        !isa<MatmulOp, QmatmulOp, Conv1dOp, Conv2dOp, Conv2dChannelsLastOp,
             ConvTranspose2dOp>(op))
      return op->emitOpError()
             << "kiln.tile belongs on a kiln.matmul, kiln.qmatmul or "
                "convolution, as one of \"64x64\", \"128x64\", "
                "\"128x128\" or \"128x128_sm90a\"";
    return success();
  }
  if (attr.getName() == kArenaBytesAttr) {
    auto bytes = dyn_cast<IntegerAttr>(attr.getValue());
    if (!isa<FunctionOpInterface>(op) || !bytes || bytes.getInt() < 0)
      return op->emitOpError()
             << "kiln.arena_bytes belongs on a function, as a byte count";
    return success();
  }
  // kiln.name and kiln.tied live on function arguments and results.
  return op->emitOpError() << "unknown kiln attribute '"
                           << attr.getName().getValue()
                           << "' on an operation (kiln.name and kiln.tied "
                              "belong on function arguments and results)";
}
