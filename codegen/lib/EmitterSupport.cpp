//===- EmitterSupport.cpp - what the kernel emitters share ----------------===//

#include "EmitterSupport.h"

#include "mlir/Dialect/Utils/IndexingUtils.h"

#include "llvm/Support/FormatVariadic.h"

#include <cmath>

namespace mlir::kiln::codegen {

std::string storageType(Type t) {
  if (t.isF32())
    return "float";
  if (t.isF16())
    return "__half";
  if (t.isBF16())
    return "__nv_bfloat16";
  if (t.isInteger(1))
    return "uint8_t";
  if (t.isInteger(8))
    return "int8_t";
  if (t.isInteger(32))
    return "int32_t";
  return "int64_t";
}

std::string computeType(Type t) {
  if (isa<FloatType>(t))
    return "float";
  if (t.isInteger(1))
    return "bool";
  return "int64_t";
}

int64_t storageBytes(Type t) {
  return t.isInteger(1) ? 1 : (t.getIntOrFloatBitWidth() + 7) / 8;
}

std::string load(Type e, const std::string &ref) {
  if (e.isF32())
    return ref;
  if (e.isBF16())
    return "__bfloat162float(" + ref + ")";
  if (e.isF16())
    return "__half2float(" + ref + ")";
  if (e.isInteger(1))
    return "(" + ref + " != 0)";
  return "(int64_t)" + ref;
}

std::string store(Type e, const std::string &v) {
  if (e.isF32())
    return v;
  if (e.isBF16())
    return "__float2bfloat16_rn(" + v + ")";
  if (e.isF16())
    return "__float2half_rn(" + v + ")";
  if (e.isInteger(1))
    return "(uint8_t)(" + v + " ? 1 : 0)";
  return "(" + storageType(e) + ")(" + v + ")";
}

std::string roundToFloat16(Type e, const std::string &v) {
  if (e.isBF16())
    return "kiln::round_bf16(" + v + ")";
  if (e.isF16())
    return "kiln::round_f16(" + v + ")";
  return v;
}

std::string floatLiteral(double v) {
  if (std::isnan(v))
    return "NAN";
  if (std::isinf(v))
    return v > 0 ? "INFINITY" : "(-INFINITY)";
  return "(" + llvm::formatv("{0:e9}", v).str() + "f)";
}

std::string deviceTable(const std::string &type, const std::string &name,
                        ArrayRef<double> values) {
  std::string s = "static __device__ const " + type + " " + name + "[" +
                  str(std::max<size_t>(values.size(), 1)) + "] = {";
  for (size_t i = 0; i < values.size(); ++i) {
    s += i ? ", " : "";
    if (type == "double")
      s += llvm::formatv("{0:e17}", values[i]).str();
    else if (type == "float")
      s += floatLiteral(values[i]);
    else
      s += str(static_cast<int64_t>(values[i]));
  }
  if (values.empty())
    s += "0";
  return s + "};";
}

std::string plusOffset(const std::string &base, int64_t offset) {
  return offset < 0 ? base + " - " + str(-offset) : base + " + " + str(offset);
}

std::string opNames(FusionOp fusion, Operation *except, StringRef separator) {
  std::string s;
  for (Operation &op : fusion.getBody().front().without_terminator())
    if (&op != except && !isa<ConstantOp>(op))
      s += (s.empty() ? "" : separator.str()) +
           op.getName().getStringRef().str();
  return s;
}

bool hasEpilogue(FusionOp fusion) {
  auto yield = cast<YieldOp>(fusion.getBody().front().getTerminator());
  Operation *root = fusion.getRootOp();
  return !yield.getValues().empty() &&
         yield.getValues()[0].getDefiningOp() != root;
}

std::string epilogueNote(FusionOp fusion, Operation *root) {
  if (!hasEpilogue(fusion))
    return "";
  return ", epilogue fused: " + opNames(fusion, root);
}

FailureOr<EmittedFusion> singleKernel(FailureOr<EmittedKernel> kernel) {
  if (failed(kernel))
    return failure();
  EmittedFusion emitted;
  emitted.kernels.push_back(std::move(*kernel));
  return emitted;
}

VectorIndices::VectorIndices(KernelWriter &k, ArrayRef<int64_t> shape,
                             int64_t lanes, const Var &first)
    : shape(shape), strides(computeStrides(shape)), lanes(lanes),
      perVector(k.unravel(shape, first, "f")) {}

std::vector<Var> VectorIndices::forLane(KernelWriter &k,
                                        const Var &linear) const {
  std::vector<Var> perLane = k.unravel(shape, linear, "i");
  std::vector<Var> idx;
  for (size_t d = 0; d < shape.size(); ++d)
    idx.push_back(strides[d] % lanes == 0 ? perVector[d] : perLane[d]);
  return idx;
}

FailureOr<std::string> resultValue(KernelWriter &k, Operation *root,
                                   const std::string &v, ArrayRef<Var> idx) {
  FusionOp fusion = k.fusion();
  Type e = tensorOf(root->getResult(0)).getElementType();
  if (!hasEpilogue(fusion))
    return store(e, v);
  // The root's value as its type keeps it, handed to the epilogue.
  k.line("const " + std::string(isa<FloatType>(e) ? "float" : "int64_t") +
         " root0 = " + roundToFloat16(e, v) + ";");
  auto yield = cast<YieldOp>(fusion.getBody().front().getTerminator());
  FailureOr<std::string> out = emitPointwiseValue(
      k, yield.getValues()[0], idx, root->getResult(0), "root0");
  if (failed(out))
    return failure();
  return store(tensorOf(fusion.getResult(0)).getElementType(), *out);
}

LogicalResult storeResult(KernelWriter &k, Operation *root,
                          const std::string &v, ArrayRef<Var> idx,
                          const std::string &linear) {
  FailureOr<std::string> value = resultValue(k, root, v, idx);
  if (failed(value))
    return failure();
  k.line("out0[" + linear + "] = " + *value + ";");
  return success();
}

LogicalResult checkRootReadsInputs(FusionOp fusion, Operation *root,
                                   StringRef family) {
  for (auto [i, operand] : llvm::enumerate(root->getOperands()))
    if (!isa<BlockArgument>(operand))
      return fusion.emitOpError()
             << "the " << family << " kernel reads its root's operands from "
             << "memory, but operand #" << i << " of "
             << root->getName() << " is computed inside the fusion (a "
             << "prologue, which only the scan family takes)";
  return success();
}

std::string TensorCoreTile::name() const {
  return std::to_string(rows()) + "x" + std::to_string(cols());
}

std::string TensorCoreTile::args() const {
  return std::to_string(mFrags) +
         (warpsN == 2 ? "" : ", " + std::to_string(warpsN));
}

/// Blocks that give each SM of a 132-SM GPU (H100 SXM) one.
constexpr int64_t kBlocksForEverySM = 132;

FailureOr<TensorCoreTile> tensorCoreTile(Operation *op, int64_t rows,
                                         int64_t cols, int64_t slices,
                                         bool wide, StringRef what) {
  const TensorCoreTile small{2, 2}, tall{4, 2}, square{4, 4};
  if (auto asked = op->getAttrOfType<StringAttr>(KilnDialect::kTileAttr)) {
    for (TensorCoreTile t : {small, tall, square})
      if (t.name() == asked.getValue() && (wide || !t.wide()))
        return t;
    return op->emitOpError()
           << "kiln.tile = \"" << asked.getValue() << "\" asks for a tile the "
           << what << " does not take (it takes 64x64 and 128x64"
           << (wide ? " and 128x128)" : ")");
  }
  if (rows <= 64)
    return small;
  auto tiles = [&](const TensorCoreTile &t) {
    return ((rows + t.rows() - 1) / t.rows()) *
           ((cols + t.cols() - 1) / t.cols()) * slices;
  };
  if (wide && cols > 64 && tiles(square) >= kBlocksForEverySM)
    return square;
  return tall;
}

void setTileLaunch(LaunchShape &launch, TensorCoreTile tile,
                   bool sharedStages) {
  launch.block = tile.threads();
  if (sharedStages)
    launch.sharedBytes = tile.dynamicSharedBytes();
  if (tile.wide())
    launch.minBlocks = 2;
}

int64_t stagedLanes(Type stored) {
  if (!isa<FloatType>(stored))
    return 0;
  unsigned bytes = stored.getIntOrFloatBitWidth() / 8;
  return bytes == 2 || bytes == 4 ? 16 / bytes : 0;
}

LogicalResult checkNoTileRequest(Operation *op, StringRef what,
                                 bool fixed64) {
  auto asked = op->getAttrOfType<StringAttr>(KilnDialect::kTileAttr);
  if (!asked || (fixed64 && asked.getValue() == "64x64"))
    return success();
  return op->emitOpError() << "kiln.tile = \"" << asked.getValue()
                           << "\" asks for a tile the " << what
                           << (fixed64 ? " does not take (it has the fixed "
                                         "64x64 tile)"
                                       : " does not have (it is not tiled)");
}

} // namespace mlir::kiln::codegen
