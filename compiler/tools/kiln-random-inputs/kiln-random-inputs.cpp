//===- kiln-random-inputs.cpp - random inputs for a kiln function ---------===//
//
//   kiln-random-inputs FILE.mlir -o IN.safetensors [--entry main]
//                      [--seed N] [--weights-out W.safetensors]
//
// Writes one tensor per argument of the function (keyed by kiln.name),
// and with --weights-out one per kiln.param: floats drawn from N(0, 1) (std
// 0.5 for weights), integer arguments uniform in [0, 8) (small, valid as
// indices and lengths), booleans fair coins. Numerics tests use it to run
// the same fresh inputs through a device and the reference interpreter.
//
//===----------------------------------------------------------------------===//

#include "kiln/Dialect/Kiln/KilnOps.h"
#include "kiln/Passes/Pipeline.h"
#include "kiln/Reference/Interpreter.h"
#include "kiln/Runtime/Safetensors.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/Support/SourceMgr.h"

#include <cstdio>
#include <random>
#include <set>
#include <string>

using namespace mlir;
namespace rt = ::kiln::rt;

namespace {

int fail(const std::string &msg) {
  std::fprintf(stderr, "kiln-random-inputs: error: %s\n", msg.c_str());
  return 1;
}

rt::HostTensor randomTensor(RankedTensorType type, std::mt19937_64 &rng,
                            double std) {
  rt::DType dtype = *::kiln::ref::dtypeFor(type.getElementType());
  rt::HostTensor t = rt::HostTensor::zeros(
      dtype, std::vector<int64_t>(type.getShape().begin(), type.getShape().end()));
  std::normal_distribution<double> normal(0.0, std);
  std::uniform_int_distribution<int> small(0, 7), coin(0, 1);
  for (int64_t i = 0; i < t.numElements(); ++i) {
    double v = rt::isFloat(dtype)          ? normal(rng)
               : dtype == rt::DType::Bool ? coin(rng)
                                          : small(rng);
    t.setFromDouble(i, v);
  }
  return t;
}

} // namespace

int main(int argc, char **argv) {
  std::string file, out, weightsOut, entry = "main";
  uint64_t seed = 0;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (a == "-o")
      out = next();
    else if (a == "--weights-out")
      weightsOut = next();
    else if (a == "--entry")
      entry = next();
    else if (a == "--seed")
      seed = std::strtoull(next().c_str(), nullptr, 10);
    else if (a == "--help") {
      std::printf("usage: kiln-random-inputs FILE.mlir -o IN.safetensors "
                  "[--entry NAME] [--seed N] [--weights-out W.safetensors]\n");
      return 0;
    } else if (file.empty())
      file = a;
    else
      return fail("unexpected argument '" + a + "'");
  }
  if (file.empty() || out.empty())
    return fail("usage: kiln-random-inputs FILE.mlir -o IN.safetensors");
  DialectRegistry registry;
  mlir::kiln::registerKilnDialects(registry);
  MLIRContext context(registry);
  context.loadAllAvailableDialects();
  llvm::SourceMgr sourceMgr;
  SourceMgrDiagnosticHandler handler(sourceMgr, &context);
  std::string error;
  auto buffer = openInputFile(file, &error);
  if (!buffer)
    return fail(file + ": " + error);
  sourceMgr.AddNewSourceBuffer(std::move(buffer), llvm::SMLoc());
  OwningOpRef<ModuleOp> module = parseSourceFile<ModuleOp>(sourceMgr, &context);
  if (!module)
    return 1;
  auto func = module->lookupSymbol<func::FuncOp>(entry);
  if (!func)
    return fail(file + ": no function @" + entry);
  std::mt19937_64 rng(seed);
  rt::TensorFile inputs, weights;
  for (unsigned i = 0; i < func.getNumArguments(); ++i) {
    auto name = func.getArgAttrOfType<StringAttr>(i, "kiln.name");
    inputs.tensors.emplace_back(
        name ? name.getValue().str() : "arg" + std::to_string(i),
        randomTensor(cast<RankedTensorType>(func.getArgumentTypes()[i]), rng, 1.0));
  }
  std::set<std::string> seen;
  func.walk([&](mlir::kiln::ParamOp p) {
    if (seen.insert(p.getName().str()).second)
      weights.tensors.emplace_back(p.getName().str(),
                                   randomTensor(p.getType(), rng, 0.5));
  });
  if (rt::Status s = rt::writeSafetensors(out, inputs); !s)
    return fail(s.error().message());
  if (!weightsOut.empty())
    if (rt::Status s = rt::writeSafetensors(weightsOut, weights); !s)
      return fail(s.error().message());
  return 0;
}
