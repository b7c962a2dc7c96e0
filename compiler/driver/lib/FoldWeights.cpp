//===- FoldWeights.cpp - compute param-only ops at compile time -----------===//
//
// Quantized weights are computed once, here, by the same code that defines
// kiln.quantize for the reference device: the quantize and its param become
// a one-op function run by the interpreter, and its results become params
// of their own. The artifact then stores int8 codes (int4 packed two per
// byte, low nibble first) and f32 scales instead of the float weight.
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
rt::Expected<rt::HostTensor> weightOf(kd::ParamOp param,
                                      const rt::TensorFile &weights) {
  std::string name = param.getName().str();
  const rt::HostTensor *stored = weights.find(name);
  auto type = param.getType();
  std::vector<int64_t> shape(type.getShape().begin(), type.getShape().end());
  rt::Expected<rt::DType> dtype = ref::dtypeFor(type.getElementType());
  if (!stored || !dtype || stored->shape != shape || !rt::isFloat(stored->dtype))
    return rt::Error("weight '" + name + "' to quantize is " +
                     (stored ? stored->describe() : "not in the weights file") +
                     "; the program declares a float tensor of that name");
  rt::HostTensor t = rt::HostTensor::zeros(*dtype, shape);
  for (int64_t i = 0; i < t.numElements(); ++i)
    t.setFromDouble(i, stored->getAsDouble(i));
  return t;
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

} // namespace

rt::Status foldParamQuantizes(ModuleOp module, const CompileOptions &options,
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
      rt::Expected<rt::HostTensor> w = weightOf(param, *options.weights);
      if (!w) {
        quant.emitError(w.error().message());
        return w.error();
      }
      // One-op function: (w) -> (q, scales), run by the interpreter.
      OpBuilder b(module.getContext());
      auto scratch = ModuleOp::create(quant.getLoc());
      b.setInsertionPointToEnd(scratch.getBody());
      auto fn = b.create<func::FuncOp>(
          quant.getLoc(), "fold",
          b.getFunctionType({param.getType()}, quant->getResultTypes()));
      Block *entry = fn.addEntryBlock();
      b.setInsertionPointToEnd(entry);
      Operation *clone = b.clone(*quant);
      clone->setOperand(0, entry->getArgument(0));
      b.create<func::ReturnOp>(quant.getLoc(), clone->getResults());
      rt::Expected<std::vector<rt::HostTensor>> results = ref::runFunction(
          fn, {*w}, [](const std::string &name) -> rt::Expected<rt::HostTensor> {
            return rt::Error("unexpected param '" + name + "'");
          });
      scratch.erase();
      if (!results) {
        quant.emitError(results.error().message());
        return results.error().withContext("quantizing weight '" +
                                           param.getName().str() + "'");
      }
      int64_t bits = static_cast<int64_t>(quant.getBits());
      std::string base = param.getName().str();
      std::string qName = base + ".q" + std::to_string(bits),
                  sName = base + ".scales";
      b.setInsertionPoint(quant);
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
  }
  return rt::Status::ok();
}

} // namespace kiln
