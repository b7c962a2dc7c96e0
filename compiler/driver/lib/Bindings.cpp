//===- Bindings.cpp - named tensors for a kiln function's signature -------===//

#include "kiln/Compiler/Bindings.h"

#include "kiln/Dialect/Kiln/KilnOps.h"
#include "kiln/Reference/Interpreter.h"

#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/raw_ostream.h"

#include <set>

using namespace mlir;

namespace kiln {

std::string typeText(Type type) {
  std::string s;
  llvm::raw_string_ostream os(s);
  os << type;
  return s;
}

std::string valueName(func::FuncOp func, unsigned i, bool isArg) {
  auto name = dyn_cast_or_null<StringAttr>(
      isArg ? func.getArgAttr(i, mlir::kiln::KilnDialect::kNameAttr)
            : func.getResultAttr(i, mlir::kiln::KilnDialect::kNameAttr));
  if (name)
    return name.getValue().str();
  return (isArg ? "arg" : "out") + std::to_string(i);
}

namespace {

/// "x: tensor<4x37xf32>, y: ..." for messages.
std::string listExpected(const std::vector<std::pair<std::string, Type>> &want) {
  std::string s;
  for (const auto &[name, type] : want)
    s += (s.empty() ? "" : ", ") + name + ": " + typeText(type);
  return s.empty() ? "(none)" : s;
}

/// Checks that a tensor file holds the expected names and nothing else but
/// `alsoAllowed`; the error lists what was expected. With `extras`, names
/// beyond those are collected there instead of failing (unless some are
/// missing too).
rt::Status checkNames(const rt::TensorFile &file, const std::string &path,
                      const std::vector<std::pair<std::string, Type>> &want,
                      const std::string &what,
                      const std::set<std::string> &alsoAllowed = {},
                      std::set<std::string> *extras = nullptr) {
  std::set<std::string> wanted = alsoAllowed;
  for (const auto &entry : want)
    wanted.insert(entry.first);
  std::vector<std::string> missing, extra;
  for (const auto &entry : want)
    if (!file.find(entry.first))
      missing.push_back(entry.first);
  for (const std::string &name : file.names())
    if (!wanted.count(name))
      extra.push_back(name);
  if (missing.empty() && extras) {
    extras->insert(extra.begin(), extra.end());
    return rt::Status::ok();
  }
  if (missing.empty() && extra.empty())
    return rt::Status::ok();
  auto join = [](const std::vector<std::string> &v) {
    std::string s;
    for (const std::string &x : v)
      s += (s.empty() ? "'" : ", '") + x + "'";
    return s;
  };
  std::string msg = path + ": ";
  if (!missing.empty())
    msg += "missing " + what + " " + join(missing);
  if (!extra.empty())
    msg += std::string(missing.empty() ? "" : "; ") + "unexpected " + what +
           " " + join(extra);
  return rt::Error(msg + " (expected " + listExpected(want) + ")");
}

} // namespace

rt::Status checkSignature(func::FuncOp func, const std::string &file) {
  std::string entry = "@" + func.getName().str();
  for (unsigned i = 0; i < func.getNumArguments(); ++i) {
    Type type = func.getArgumentTypes()[i];
    auto tensor = dyn_cast<RankedTensorType>(type);
    if (!tensor || !tensor.hasStaticShape() ||
        !ref::dtypeFor(tensor.getElementType()))
      return rt::Error(file + ": argument #" + std::to_string(i) + " of " +
                       entry + " has type " + typeText(type) +
                       "; kiln functions take statically shaped tensors");
  }
  for (Type type : func.getResultTypes()) {
    auto tensor = dyn_cast<RankedTensorType>(type);
    if (!tensor || !ref::dtypeFor(tensor.getElementType()))
      return rt::Error(file + ": " + entry + " returns " + typeText(type) +
                       "; kiln functions return tensors");
  }
  return rt::Status::ok();
}

rt::Expected<std::vector<rt::HostTensor>>
bindArguments(func::FuncOp func, const rt::TensorFile &inputs,
              const std::string &path) {
  std::vector<std::pair<std::string, Type>> want;
  for (unsigned i = 0; i < func.getNumArguments(); ++i)
    want.emplace_back(valueName(func, i, true), func.getArgumentTypes()[i]);
  if (rt::Status s = checkNames(inputs, path, want, "input"); !s)
    return s.error();
  std::vector<rt::HostTensor> args;
  for (const auto &[name, type] : want) {
    const rt::HostTensor *t = inputs.find(name);
    auto tensor = cast<RankedTensorType>(type);
    rt::DType dtype = *ref::dtypeFor(tensor.getElementType());
    std::vector<int64_t> shape(tensor.getShape().begin(),
                               tensor.getShape().end());
    if (t->dtype != dtype || t->shape != shape)
      return rt::Error(path + ": tensor '" + name + "' is " + t->describe() +
                       " but @" + func.getName().str() + " takes " +
                       rt::dtypeName(dtype) + rt::formatShape(shape) + " (" +
                       typeText(type) + ")");
    args.push_back(*t);
  }
  return args;
}

std::vector<std::pair<std::string, Type>> paramsOf(func::FuncOp func) {
  std::vector<std::pair<std::string, Type>> params;
  std::set<std::string> seen;
  func.walk([&](mlir::kiln::ParamOp param) {
    if (seen.insert(param.getName().str()).second)
      params.emplace_back(param.getName().str(), param.getType());
  });
  return params;
}

rt::Status checkWeights(func::FuncOp func, const rt::TensorFile *weights,
                        const std::string &path, const std::string &file,
                        bool strict, std::set<std::string> *unused) {
  std::vector<std::pair<std::string, Type>> params = paramsOf(func);
  if (!weights)
    return params.empty()
               ? rt::Status::ok()
               : rt::Status(rt::Error(
                     file + ": @" + func.getName().str() +
                     " reads weights but no --weights file was given "
                     "(expected " + listExpected(params) + ")"));
  std::set<std::string> programWeights;
  auto module = func->getParentOfType<ModuleOp>();
  module.walk([&](mlir::kiln::ParamOp param) {
    programWeights.insert(param.getName().str());
  });
  if (auto redundant = module->getAttrOfType<ArrayAttr>(
          mlir::kiln::KilnDialect::kRedundantWeightsAttr))
    for (Attribute name : redundant)
      programWeights.insert(cast<StringAttr>(name).str());
  std::set<std::string> extras;
  if (rt::Status s = checkNames(*weights, path, params, "weight",
                                programWeights, strict ? nullptr : &extras);
      !s)
    return s;
  if (unused)
    unused->insert(extras.begin(), extras.end());
  return rt::Status::ok();
}

} // namespace kiln
