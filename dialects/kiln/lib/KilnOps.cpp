//===- KilnOps.cpp - verifiers of kiln ops with explicit result types -----===//
//
// The op definitions generated from KilnOps.td, and the verifiers of the ops
// whose result type is written out (params, casts, reshapes, resize, ...)
// or whose attributes carry constraints of their own. Ops with inferred
// results check their contract in InferTypes*.cpp.
//
//===----------------------------------------------------------------------===//

#include "kiln/Dialect/Kiln/KilnOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"

using namespace mlir;
using namespace mlir::kiln;

LogicalResult mlir::kiln::verifyStaticTensorOperands(
    std::optional<Location> loc, StringRef opName, ValueRange operands) {
  for (auto [i, v] : llvm::enumerate(operands)) {
    if (hasRepresentableSize(v.getType()))
      continue;
    std::string msg;
    llvm::raw_string_ostream os(msg);
    os << "operand #" << i
       << " must be a statically shaped tensor of at most 2^48 elements, got "
       << v.getType();
    return opError(loc, opName, msg);
  }
  return success();
}

namespace {
/// Verifier-side wrapper: reports at the op with its name.
LogicalResult fail(Operation *op, const Twine &msg) {
  return op->emitOpError(msg);
}
} // namespace

//===----------------------------------------------------------------------===//
// Sources
//===----------------------------------------------------------------------===//

LogicalResult ParamOp::verify() {
  if (getName().empty())
    return fail(*this, "name must not be empty");
  return success();
}

LogicalResult IotaOp::verify() {
  RankedTensorType type = getType();
  if (type.getRank() == 0)
    return fail(*this, "result must have rank >= 1, got a scalar tensor");
  return normalizeAxis(getLoc(), getOperationName(), "dim",
                       static_cast<int64_t>(getDim()), type.getRank());
}

LogicalResult RandomNormalOp::verify() {
  float std = getStd().convertToFloat();
  if (!(std >= 0))
    return fail(*this, "std must be >= 0, got " + formatFloat(std));
  return success();
}

//===----------------------------------------------------------------------===//
// Elementwise
//===----------------------------------------------------------------------===//

LogicalResult GeluOp::verify() {
  return checkOneOf(getLoc(), getOperationName(), "approximate",
                    getApproximate(), {"none", "tanh"});
}

LogicalResult SoftplusOp::verify() {
  if (getBeta().isZero())
    return fail(*this, "beta must not be 0");
  return success();
}

LogicalResult ClampOp::verify() {
  std::optional<APFloat> lo = getMin(), hi = getMax();
  if (!lo && !hi)
    return fail(*this, "needs at least one of min and max");
  // As in PyTorch, min > max is allowed (every element becomes max) and NaN
  // bounds propagate.
  return success();
}

LogicalResult CastOp::verify() {
  if (getX().getType().getShape() != getType().getShape())
    return fail(*this, "changes only the element type: x has shape " +
                           formatShape(getX().getType().getShape()) +
                           ", result has " + formatShape(getType().getShape()));
  return success();
}

//===----------------------------------------------------------------------===//
// Shape and data movement
//===----------------------------------------------------------------------===//

LogicalResult ReshapeOp::verify() {
  RankedTensorType x = getX().getType(), result = getType();
  if (failed(checkSameElementType(getLoc(), getOperationName(), "x", x,
                                  "result", result)))
    return failure();
  if (x.getNumElements() != result.getNumElements())
    return fail(*this, "element count differs: x " +
                           formatShape(x.getShape()) + " has " +
                           Twine(x.getNumElements()) + ", result " +
                           formatShape(result.getShape()) + " has " +
                           Twine(result.getNumElements()));
  return success();
}

LogicalResult BroadcastToOp::verify() {
  RankedTensorType x = getX().getType(), result = getType();
  if (failed(checkSameElementType(getLoc(), getOperationName(), "x", x,
                                  "result", result)) ||
      failed(checkRank(getLoc(), getOperationName(), "result", result,
                       x.getRank())))
    return failure();
  for (int64_t d = 0; d < x.getRank(); ++d)
    if (x.getDimSize(d) != 1 && x.getDimSize(d) != result.getDimSize(d))
      return fail(*this, "x " + formatShape(x.getShape()) +
                             " does not broadcast to " +
                             formatShape(result.getShape()) +
                             ": dimension " + Twine(d) + " is neither 1 nor " +
                             Twine(result.getDimSize(d)));
  return success();
}

LogicalResult ResizeOp::verify() {
  RankedTensorType x = getX().getType(), result = getType();
  StringRef name = getOperationName();
  if (failed(checkRank(getLoc(), name, "x", x, 4)) ||
      failed(checkRank(getLoc(), name, "result", result, 4)) ||
      failed(checkSameElementType(getLoc(), name, "x", x, "result", result)) ||
      failed(checkOneOf(getLoc(), name, "mode", getMode(),
                        {"nearest", "bilinear", "bicubic"})))
    return failure();
  if (x.getDimSize(0) != result.getDimSize(0) ||
      x.getDimSize(1) != result.getDimSize(1))
    return fail(*this, "resizes only H and W: x is " +
                           formatShape(x.getShape()) + ", result is " +
                           formatShape(result.getShape()));
  if (result.getDimSize(2) < 1 || result.getDimSize(3) < 1 ||
      x.getDimSize(2) < 1 || x.getDimSize(3) < 1)
    return fail(*this, "H and W must be >= 1, got x " +
                           formatShape(x.getShape()) + ", result " +
                           formatShape(result.getShape()));
  if (getMode() == "nearest" && (getAlignCorners() || getAntialias()))
    return fail(*this, "align_corners and antialias apply to bilinear and "
                       "bicubic only, not to mode \"nearest\"");
  return success();
}

//===----------------------------------------------------------------------===//
// Quantization
//===----------------------------------------------------------------------===//

LogicalResult DequantizeOp::verify() {
  RankedTensorType q = getQ().getType(), scales = getScales().getType(),
                   result = getType();
  StringRef name = getOperationName();
  FailureOr<int64_t> axis =
      normalizeAxis(getLoc(), name, "axis", static_cast<int64_t>(getAxis()),
                    q.getRank());
  if (failed(axis))
    return failure();
  int64_t block = static_cast<int64_t>(getBlockSize());
  int64_t dim = q.getDimSize(*axis);
  if (block < 1 || dim % block != 0)
    return fail(*this, "block_size = " + Twine(block) +
                           " must be >= 1 and divide dimension " +
                           Twine(*axis) + " (" + Twine(dim) + ")");
  SmallVector<int64_t> expected(q.getShape());
  expected[*axis] = dim / block;
  if (scales.getShape() != ArrayRef<int64_t>(expected))
    return fail(*this, "scales must be " + formatShape(expected) +
                           " (q's shape with axis " + Twine(*axis) +
                           " divided by block_size), got " +
                           formatShape(scales.getShape()));
  if (result.getShape() != q.getShape())
    return fail(*this, "result must have q's shape " +
                           formatShape(q.getShape()) + ", got " +
                           formatShape(result.getShape()));
  return success();
}

//===----------------------------------------------------------------------===//
// Structure
//===----------------------------------------------------------------------===//

void FusionOp::build(OpBuilder &builder, OperationState &state,
                     TypeRange resultTypes, ValueRange inputs) {
  state.addOperands(inputs);
  state.addTypes(resultTypes);
  Region *body = state.addRegion();
  Block *block = new Block();
  body->push_back(block);
  for (Value input : inputs)
    block->addArgument(input.getType(), input.getLoc());
}

LogicalResult FusionOp::verify() {
  Block &block = getBody().front();
  if (block.getNumArguments() != getInputs().size())
    return fail(*this, "body has " + Twine(block.getNumArguments()) +
                           " arguments but the op captures " +
                           Twine(getInputs().size()) + " inputs");
  for (auto [i, pair] :
       llvm::enumerate(llvm::zip(block.getArgumentTypes(), getInputs())))
    if (std::get<0>(pair) != std::get<1>(pair).getType())
      return emitOpError() << "body argument #" << i << " has type "
                           << std::get<0>(pair) << " but input #" << i
                           << " has type " << std::get<1>(pair).getType();
  // The implicit-terminator trait is verified after this hook runs, so the
  // terminator may still be something else here.
  auto yield = dyn_cast_or_null<YieldOp>(
      block.empty() ? nullptr : &block.back());
  if (!yield)
    return fail(*this, "body must end with kiln.yield");
  if (yield.getValues().getTypes() != getResultTypes())
    return emitOpError() << "yields " << yield.getValues().getTypes()
                         << " but the op's results are " << getResultTypes();
  Operation *marked = nullptr;
  for (Operation &op : block.without_terminator())
    if (op.hasAttr(KilnDialect::kRootAttr)) {
      if (marked)
        return emitOpError() << "marks two roots, " << marked->getName()
                             << " and " << op.getName()
                             << " (one kernel has one kiln.root)";
      marked = &op;
    }
  Operation *root = getRootOp();
  auto kernelRoot = dyn_cast_or_null<KernelRootOpInterface>(root);
  if (std::optional<KernelFamily> family = getFamily();
      family && kernelRoot && kernelRoot.getKernelFamily() != *family)
    return emitOpError() << "family " << stringifyKernelFamily(*family)
                         << " disagrees with its root " << root->getName()
                         << " of the " << stringifyKernelFamily(
                                               kernelRoot.getKernelFamily())
                         << " family";
  return success();
}

Operation *FusionOp::getRootOp() {
  Block &block = getBody().front();
  for (Operation &op : block.without_terminator())
    if (op.hasAttr(KilnDialect::kRootAttr))
      return &op;
  // A gemm, convolution, reduction or scan with fused pointwise ops, else
  // the pointwise op whose value the fusion returns.
  for (Operation &op : block.without_terminator())
    if (auto r = dyn_cast<KernelRootOpInterface>(op);
        r && r.getKernelFamily() != KernelFamily::Pointwise)
      return &op;
  auto yield = cast<YieldOp>(block.getTerminator());
  if (!yield.getValues().empty())
    if (Operation *def = yield.getValues()[0].getDefiningOp();
        def && def->getBlock() == &block)
      return def;
  return block.without_terminator().empty() ? nullptr : &block.front();
}

KernelFamily FusionOp::getKernelFamily() {
  if (std::optional<KernelFamily> family = getFamily())
    return *family;
  if (auto root = dyn_cast_or_null<KernelRootOpInterface>(getRootOp()))
    return root.getKernelFamily();
  return KernelFamily::Pointwise;
}

#define GET_OP_CLASSES
#include "kiln/Dialect/Kiln/KilnOps.cpp.inc"
