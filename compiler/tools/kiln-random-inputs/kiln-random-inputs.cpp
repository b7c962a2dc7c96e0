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

#include "kiln/Dialect/Kiln/TextNesting.h"
#include "kiln/Compiler/Bindings.h"
#include "kiln/Dialect/Kiln/KilnOps.h"
#include "kiln/Passes/Pipeline.h"
#include "kiln/Reference/Interpreter.h"
#include "kiln/Runtime/Safetensors.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/SourceMgr.h"

#include <cstdio>
#include <random>
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

namespace cl = llvm::cl;

cl::OptionCategory category("kiln-random-inputs options");
cl::opt<std::string> file(cl::Positional, cl::Required,
                          cl::desc("<program.mlir>"), cl::cat(category));
cl::opt<std::string> out("o", cl::Required,
                         cl::desc("the arguments' tensors, keyed by kiln.name"),
                         cl::value_desc("IN.safetensors"), cl::cat(category));
cl::opt<std::string> weightsOut("weights-out",
                                cl::desc("also one tensor per kiln.param"),
                                cl::value_desc("W.safetensors"),
                                cl::cat(category));
cl::opt<std::string> entry("entry", cl::desc("the function (default: main)"),
                           cl::value_desc("name"), cl::init("main"),
                           cl::cat(category));
cl::opt<unsigned long long> seed("seed", cl::desc("the random generator's seed"),
                                 cl::init(0), cl::cat(category));

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  cl::HideUnrelatedOptions(category);
  cl::ParseCommandLineOptions(argc, argv,
                              "random inputs (and weights) for a kiln "
                              "function\n");
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
  if (auto deep = mlir::kiln::textNestingError(buffer->getBuffer(), file))
    return fail(*deep);
  sourceMgr.AddNewSourceBuffer(std::move(buffer), llvm::SMLoc());
  OwningOpRef<ModuleOp> module = parseSourceFile<ModuleOp>(sourceMgr, &context);
  if (!module)
    return 1;
  auto func = module->lookupSymbol<func::FuncOp>(entry);
  if (!func)
    return fail(file + ": no function @" + entry.getValue());
  if (rt::Status s = ::kiln::checkSignature(func, file); !s)
    return fail(s.error().message());
  std::mt19937_64 rng(seed);
  rt::TensorFile inputs, weights;
  for (unsigned i = 0; i < func.getNumArguments(); ++i)
    inputs.tensors.emplace_back(
        ::kiln::valueName(func, i, /*isArg=*/true),
        randomTensor(cast<RankedTensorType>(func.getArgumentTypes()[i]), rng,
                     1.0));
  for (const auto &[name, type] : ::kiln::paramsOf(func))
    weights.tensors.emplace_back(
        name, randomTensor(cast<RankedTensorType>(type), rng, 0.5));
  if (rt::Status s = rt::writeSafetensors(out, inputs); !s)
    return fail(s.error().message());
  if (!weightsOut.empty())
    if (rt::Status s = rt::writeSafetensors(weightsOut, weights); !s)
      return fail(s.error().message());
  return 0;
}
