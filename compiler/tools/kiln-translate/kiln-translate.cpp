//===- kiln-translate.cpp - kiln IR → CUDA C++ ----------------------------===//
//
//   kiln-translate --kiln-to-cuda FILE.mlir [-o OUT.cu]
//
// Runs Kiln's compiler up to code generation (the same pipeline and kernels
// as `kilnc compile`, no NVRTC) and prints the CUDA C++ of every launch's
// kernel in launch order, identical kernels included, each headed by
// "// ---- kernel NAME (family)": the fusions' kernels and the copies that
// write tied results back. Params need no weights here. Lit tests FileCheck
// this output. Exits 1 with a located diagnostic on bad input.
//
//===----------------------------------------------------------------------===//

#include "kiln/Dialect/Kiln/TextNesting.h"
#include "kiln/Compiler/Compile.h"
#include "kiln/Passes/Pipeline.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/ToolOutputFile.h"

using namespace mlir;

static llvm::cl::OptionCategory category("kiln-translate options");
static llvm::cl::opt<std::string> input(llvm::cl::Positional,
                                        llvm::cl::desc("<input .mlir>"),
                                        llvm::cl::init("-"),
                                        llvm::cl::cat(category));
static llvm::cl::opt<std::string> output("o", llvm::cl::desc("output file"),
                                         llvm::cl::value_desc("file"),
                                         llvm::cl::init("-"),
                                         llvm::cl::cat(category));
static llvm::cl::opt<bool> toCuda("kiln-to-cuda",
                                  llvm::cl::desc("emit CUDA C++ kernels"),
                                  llvm::cl::cat(category));

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  llvm::cl::HideUnrelatedOptions(category);
  llvm::cl::ParseCommandLineOptions(argc, argv, "Kiln translation driver\n");
  if (!toCuda) {
    llvm::errs() << "kiln-translate: error: choose a translation "
                    "(--kiln-to-cuda)\n";
    return 1;
  }
  DialectRegistry registry;
  mlir::kiln::registerKilnDialects(registry);
  MLIRContext context(registry);
  context.loadAllAvailableDialects();
  llvm::SourceMgr sourceMgr;
  SourceMgrDiagnosticHandler handler(sourceMgr, &context);
  std::string error;
  auto file = openInputFile(input, &error);
  if (!file) {
    llvm::errs() << "kiln-translate: error: " << error << "\n";
    return 1;
  }
  if (auto deep = mlir::kiln::textNestingError(file->getBuffer(),
                                               file->getBufferIdentifier())) {
    llvm::errs() << "kiln-translate: error: " << *deep << "\n";
    return 1;
  }
  sourceMgr.AddNewSourceBuffer(std::move(file), llvm::SMLoc());
  OwningOpRef<ModuleOp> module = parseSourceFile<ModuleOp>(sourceMgr, &context);
  if (!module)
    return 1;
  std::string text;
  ::kiln::CompileOptions options;
  // Params are declared, not read: the kernels do not depend on weights.
  options.externalWeights = "weights.safetensors";
  options.onKernel = [&](const std::string &name, const std::string &family,
                         const std::string &source) {
    text += "// ---- kernel " + name + " (" + family + ")\n" + source + "\n";
  };
  ::kiln::rt::Expected<::kiln::rt::Artifact> artifact =
      ::kiln::compileModule(*module, options);
  if (!artifact) {
    llvm::errs() << "kiln-translate: error: " << artifact.error().message()
                 << "\n";
    return 1;
  }
  auto out = openOutputFile(output, &error);
  if (!out) {
    llvm::errs() << "kiln-translate: error: " << error << "\n";
    return 1;
  }
  out->os() << text;
  out->keep();
  return 0;
}
