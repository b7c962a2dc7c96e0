//===- Interpreter.cpp - runs a func.func of kiln ops ---------------------===//
//
// Walks the function body in order, keeps one RefTensor per SSA value,
// executes kiln.fusion bodies in place and reads kiln.param weights through
// the caller's lookup. Each op's semantics live in the Eval*.cpp file of its
// group.
//
//===----------------------------------------------------------------------===//

#include "kiln/Reference/Interpreter.h"

#include "RefTensor.h"

#include "kiln/Dialect/Kiln/KilnOps.h"

#include "llvm/ADT/DenseMap.h"

using namespace mlir;
namespace kd = mlir::kiln;

namespace kiln::ref {

rt::Expected<rt::DType> dtypeFor(Type elementType) {
  if (elementType.isF32())
    return rt::DType::F32;
  if (elementType.isF16())
    return rt::DType::F16;
  if (elementType.isBF16())
    return rt::DType::BF16;
  if (elementType.isInteger(1))
    return rt::DType::Bool;
  if (elementType.isInteger(8))
    return rt::DType::I8;
  if (elementType.isInteger(32))
    return rt::DType::I32;
  if (elementType.isInteger(64))
    return rt::DType::I64;
  std::string text;
  llvm::raw_string_ostream os(text);
  os << "element type " << elementType << " has no safetensors dtype";
  return rt::Error(text);
}

namespace {


RefTensor fromHost(RankedTensorType type, const rt::HostTensor &host) {
  RefTensor t(type);
  for (int64_t i = 0; i < t.size(); ++i)
    t.data[i] = host.getAsDouble(i);
  roundAll(t); // float storage of a narrower param type is rounded here
  return t;
}

rt::Expected<rt::HostTensor> toHost(const RefTensor &t) {
  rt::Expected<rt::DType> dtype = dtypeFor(t.elementType());
  if (!dtype)
    return dtype.error();
  rt::HostTensor host = rt::HostTensor::zeros(
      *dtype, std::vector<int64_t>(t.shape().begin(), t.shape().end()));
  for (int64_t i = 0; i < t.size(); ++i)
    host.setFromDouble(i, t.data[i]);
  return host;
}

std::string describe(Type type) {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << type;
  return text;
}

/// Reads a kiln.param weight: same shape; floats from any float storage
/// (converted, never narrowed past the type's range), integers and booleans
/// only from their own dtype.
rt::Expected<RefTensor> loadParam(kd::ParamOp op, const ParamLookup &params) {
  std::string name = op.getName().str();
  if (!params)
    return opError(op, "needs weight '" + name + "' but no weights were given");
  rt::Expected<rt::HostTensor> host = params(name);
  if (!host)
    return opError(op, host.error().message());
  RankedTensorType type = op.getType();
  std::vector<int64_t> shape(type.getShape().begin(), type.getShape().end());
  rt::Expected<rt::DType> want = dtypeFor(type.getElementType());
  if (!want)
    return opError(op, want.error().message());
  bool dtypeOk = rt::isFloat(*want) ? rt::isFloat(host->dtype)
                                    : host->dtype == *want;
  if (host->shape != shape || !dtypeOk)
    return opError(op, "weight '" + name + "' is " + host->describe() +
                           " but the program declares " + describe(type));
  if (rt::isFloat(*want) && host->dtype != *want) {
    rt::Expected<rt::HostTensor> converted =
        rt::convertFloatWeight(*host, *want, name);
    if (!converted)
      return opError(op, converted.error().message());
    return fromHost(type, *converted);
  }
  return fromHost(type, *host);
}

class Runner {
public:
  explicit Runner(const ParamLookup &params) : params(params) {}

  /// Runs a block whose arguments are bound; returns the values its
  /// terminator (func.return or kiln.yield) passes on.
  rt::Expected<std::vector<RefTensor>> runBlock(Block &block) {
    for (Operation &op : block) {
      if (op.hasTrait<OpTrait::IsTerminator>()) {
        std::vector<RefTensor> results;
        for (Value v : op.getOperands())
          results.push_back(values.at(v));
        return results;
      }
      rt::Status status = runOp(&op);
      if (!status)
        return status.error();
    }
    return rt::Error("block without terminator");
  }

  void bind(Value v, RefTensor t) { values[v] = std::move(t); }

private:
  rt::Status runOp(Operation *op) {
    if (auto param = dyn_cast<kd::ParamOp>(op)) {
      rt::Expected<RefTensor> t = loadParam(param, params);
      if (!t)
        return t.error();
      bind(param.getResult(), std::move(*t));
      return rt::Status::ok();
    }
    if (auto fusion = dyn_cast<kd::FusionOp>(op)) {
      Block &body = fusion.getBody().front();
      for (auto [arg, input] : llvm::zip(body.getArguments(), fusion.getInputs()))
        bind(arg, values.at(input));
      rt::Expected<std::vector<RefTensor>> results = runBlock(body);
      if (!results)
        return results.error();
      for (auto [result, t] : llvm::zip(fusion.getResults(), *results))
        bind(result, std::move(t));
      return rt::Status::ok();
    }

    // Results are doubles here; their sizes come from the program, so they
    // are checked before an op allocates them.
    for (Value v : op->getResults()) {
      llvm::ArrayRef<int64_t> shape = cast<RankedTensorType>(v.getType()).getShape();
      std::string what = "its result " + describe(v.getType());
      rt::Expected<int64_t> elements =
          rt::elementCount(std::vector<int64_t>(shape.begin(), shape.end()));
      if (!elements)
        return opError(op, what + ": " + elements.error().message());
      rt::Expected<uint64_t> bytes = rt::checkHostBytes(
          *elements, sizeof(double),
          what + " (held in double by the reference interpreter)");
      if (!bytes)
        return opError(op, bytes.error().message());
    }
    llvm::SmallVector<const RefTensor *> args;
    for (Value v : op->getOperands())
      args.push_back(&values.at(v));
    std::optional<EvalResult> result;
    for (auto eval : {evalSourceOp, evalElementwiseOp, evalShapeOp,
                      evalReductionOp, evalNormOp, evalLinalgOp,
                      evalAttentionOp, evalCacheOp, evalScanQuantOp}) {
      result = eval(op, args);
      if (result)
        break;
    }
    if (!result)
      return opError(op, "is not supported by the reference interpreter");
    if (!*result)
      return result->error();
    for (auto [value, t] : llvm::zip(op->getResults(), **result))
      bind(value, std::move(t));
    return rt::Status::ok();
  }

  const ParamLookup &params;
  llvm::DenseMap<Value, RefTensor> values;
};

} // namespace

rt::Expected<std::vector<rt::HostTensor>>
runFunction(func::FuncOp func, const std::vector<rt::HostTensor> &args,
            const ParamLookup &params) {
  if (func.isExternal())
    return rt::Error("function @" + func.getName().str() + " has no body");
  Block &entry = func.getBody().front();
  if (args.size() != entry.getNumArguments())
    return rt::Error("function @" + func.getName().str() + " takes " +
                     std::to_string(entry.getNumArguments()) +
                     " arguments, got " + std::to_string(args.size()));
  Runner runner(params);
  for (auto [arg, host] : llvm::zip(entry.getArguments(), args))
    runner.bind(arg, fromHost(cast<RankedTensorType>(arg.getType()), host));
  rt::Expected<std::vector<RefTensor>> results = runner.runBlock(entry);
  if (!results)
    return results.error();
  std::vector<rt::HostTensor> out;
  for (const RefTensor &t : *results) {
    rt::Expected<rt::HostTensor> host = toHost(t);
    if (!host)
      return host.error();
    out.push_back(std::move(*host));
  }
  return out;
}

} // namespace kiln::ref
