//===- FoldWeights.cpp - compute param-only ops at compile time -----------===//
//
// Quantized and transposed weights are computed once, here, by the same
// code that defines kiln.quantize and kiln.transpose for the reference
// device: the op and its param become a one-op function run by the
// interpreter, and its results become params of their own. The artifact
// then stores int8 codes (int4 packed two per byte, low nibble first) and
// f32 scales instead of the float weight, and a convolution's weight in the
// channels-last order its kernel reads.
//
//===----------------------------------------------------------------------===//

#include "FoldWeights.h"

#include "kiln/Dialect/Kiln/KilnOps.h"
#include "kiln/Reference/Interpreter.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"

using namespace mlir;
namespace kd = mlir::kiln;

namespace kiln {

namespace {

/// The param's weight at the param's declared type.
/// `use` says what for ("to quantize") in the error.
rt::Expected<rt::HostTensor> weightOf(kd::ParamOp param,
                                      const rt::TensorFile &weights,
                                      const std::string &use) {
  std::string name = param.getName().str();
  const rt::HostTensor *stored = weights.find(name);
  auto type = param.getType();
  std::vector<int64_t> shape(type.getShape().begin(), type.getShape().end());
  rt::Expected<rt::DType> dtype = ref::dtypeFor(type.getElementType());
  if (!stored || !dtype || stored->shape != shape || !rt::isFloat(stored->dtype))
    return rt::Error("weight '" + name + "' " + use + " is " +
                     (stored ? stored->describe() : "not in the weights file") +
                     "; the program declares a float tensor of that name");
  return rt::convertFloatWeight(*stored, *dtype, name);
}

/// int4 codes (one per i8, in [-8, 7]) packed two per byte.
rt::HostTensor packInt4(const rt::HostTensor &q) {
  int64_t n = q.numElements();
  rt::HostTensor packed = rt::HostTensor::zeros(rt::DType::I8, {n / 2});
  for (int64_t i = 0; i < n / 2; ++i) {
    auto lo = static_cast<uint8_t>(static_cast<int64_t>(q.getAsDouble(2 * i)) & 0xF);
    auto hi =
        static_cast<uint8_t>(static_cast<int64_t>(q.getAsDouble(2 * i + 1)) & 0xF);
    packed.bytes[i] = static_cast<uint8_t>(lo | (hi << 4));
  }
  return packed;
}

/// Runs `op`, whose operand 0 is `param`, on the weight `w` with the
/// reference interpreter.
rt::Expected<std::vector<rt::HostTensor>>
evaluateOnWeight(Operation *op, kd::ParamOp param, const rt::HostTensor &w) {
  OpBuilder b(op->getContext());
  auto scratch = ModuleOp::create(op->getLoc());
  b.setInsertionPointToEnd(scratch.getBody());
  auto fn = b.create<func::FuncOp>(
      op->getLoc(), "fold",
      b.getFunctionType({param.getType()}, op->getResultTypes()));
  Block *entry = fn.addEntryBlock();
  b.setInsertionPointToEnd(entry);
  Operation *clone = b.clone(*op);
  clone->setOperand(0, entry->getArgument(0));
  b.create<func::ReturnOp>(op->getLoc(), clone->getResults());
  rt::Expected<std::vector<rt::HostTensor>> results = ref::runFunction(
      fn, {w}, [](const std::string &name) -> rt::Expected<rt::HostTensor> {
        return rt::Error("unexpected param '" + name + "'");
      });
  scratch.erase();
  return results;
}

/// Folds every transpose that is the only reader of its param (kiln-channels-
/// last's convolution weights) into a param `<name>.perm_<p0>_<p1>...`
/// holding the transposed weight.
rt::Status foldParamTransposes(func::FuncOp f, const rt::TensorFile &weights,
                               std::map<std::string, rt::HostTensor> &folded) {
  SmallVector<kd::TransposeOp> work;
  for (auto t : f.getBody().front().getOps<kd::TransposeOp>())
    if (auto param = t.getX().getDefiningOp<kd::ParamOp>();
        param && param->hasOneUse())
      work.push_back(t);
  for (kd::TransposeOp transpose : work) {
    auto param = transpose.getX().getDefiningOp<kd::ParamOp>();
    rt::Expected<rt::HostTensor> w = weightOf(param, weights, "to transpose");
    rt::Expected<std::vector<rt::HostTensor>> results =
        w ? evaluateOnWeight(transpose, param, *w)
          : rt::Expected<std::vector<rt::HostTensor>>(w.error());
    if (!results) {
      transpose.emitError(results.error().message());
      return results.error().withContext("transposing weight '" +
                                         param.getName().str() + "'");
    }
    std::string name = param.getName().str() + ".perm";
    for (int64_t p : transpose.getPerm())
      name += "_" + std::to_string(p);
    OpBuilder b(transpose);
    auto transposed = b.create<kd::ParamOp>(
        transpose.getLoc(), transpose.getType(), b.getStringAttr(name));
    folded[name] = std::move((*results)[0]);
    transpose.getResult().replaceAllUsesWith(transposed.getResult());
    transpose.erase();
    param.erase();
  }
  return rt::Status::ok();
}

} // namespace

rt::Status foldParamOps(ModuleOp module, const CompileOptions &options,
                        std::map<std::string, rt::HostTensor> &folded,
                        std::map<std::string, uint64_t> &originalBytes) {
  if (!options.weights)
    return rt::Status::ok();
  for (func::FuncOp f : module.getOps<func::FuncOp>()) {
    if (f.isExternal())
      continue;
    SmallVector<kd::QuantizeOp> work;
    for (auto q : f.getBody().front().getOps<kd::QuantizeOp>())
      if (q.getW().getDefiningOp<kd::ParamOp>())
        work.push_back(q);
    for (kd::QuantizeOp quant : work) {
      auto param = quant.getW().getDefiningOp<kd::ParamOp>();
      rt::Expected<rt::HostTensor> w = weightOf(param, *options.weights, "to quantize");
      if (!w) {
        quant.emitError(w.error().message());
        return w.error();
      }
      // One-op function: (w) -> (q, scales), run by the interpreter.
      rt::Expected<std::vector<rt::HostTensor>> results =
          evaluateOnWeight(quant, param, *w);
      if (!results) {
        quant.emitError(results.error().message());
        return results.error().withContext("quantizing weight '" +
                                           param.getName().str() + "'");
      }
      int64_t bits = static_cast<int64_t>(quant.getBits());
      std::string base = param.getName().str();
      std::string qName = base + ".q" + std::to_string(bits),
                  sName = base + ".scales";
      OpBuilder b(quant);
      auto qParam = b.create<kd::ParamOp>(quant.getLoc(), quant.getQ().getType(),
                                          b.getStringAttr(qName));
      auto sParam = b.create<kd::ParamOp>(
          quant.getLoc(), quant.getScales().getType(), b.getStringAttr(sName));
      rt::HostTensor &q = (*results)[0];
      if (bits == 4 && q.numElements() % 2 == 0) {
        folded[qName] = packInt4(q);
        qParam->setAttr(kd::KilnDialect::kPackedInt4Attr, b.getUnitAttr());
      } else {
        folded[qName] = std::move(q);
      }
      folded[sName] = std::move((*results)[1]);
      // The stats compare against the weight the two replace.
      uint64_t original = w->bytes.size();
      originalBytes[qName] = original - original / 2;
      originalBytes[sName] = original / 2;
      quant.getQ().replaceAllUsesWith(qParam.getResult());
      quant.getScales().replaceAllUsesWith(sParam.getResult());
      quant.erase();
      if (param->use_empty())
        param.erase();
    }
    // External weights are read from their file at load time by name, so a
    // transposed copy has nowhere to live: there the transpose runs as a
    // kernel.
    if (options.externalWeights.empty())
      if (rt::Status s = foldParamTransposes(f, *options.weights, folded); !s)
        return s;
  }
  return rt::Status::ok();
}

} // namespace kiln
