//===- kiln-translate.cpp - kiln IR → CUDA C++ ----------------------------===//
//
//   kiln-translate --kiln-to-cuda FILE.mlir [-o OUT.cu]
//
// Runs Kiln's pipeline (canonicalize, form fusions, plan memory) and prints
// the CUDA C++ of every kernel, one translation unit per kiln.fusion, in
// launch order, each headed by "// ---- kernel NAME (family)". Lit tests
// FileCheck this output. Exits 1 with a located diagnostic on bad input.
//
//===----------------------------------------------------------------------===//

#include "kiln/Codegen/Codegen.h"
#include "kiln/Dialect/Kiln/KilnOps.h"
#include "kiln/Passes/Pipeline.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/ToolOutputFile.h"

using namespace mlir;

static llvm::cl::opt<std::string> input(llvm::cl::Positional,
                                        llvm::cl::desc("<input .mlir>"),
                                        llvm::cl::init("-"));
static llvm::cl::opt<std::string> output("o", llvm::cl::desc("output file"),
                                         llvm::cl::init("-"));
static llvm::cl::opt<bool> toCuda("kiln-to-cuda",
                                  llvm::cl::desc("emit CUDA C++ kernels"));

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
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
  sourceMgr.AddNewSourceBuffer(std::move(file), llvm::SMLoc());
  OwningOpRef<ModuleOp> module = parseSourceFile<ModuleOp>(sourceMgr, &context);
  if (!module)
    return 1;
  PassManager pm(&context);
  mlir::kiln::buildKilnPipeline(pm);
  if (failed(pm.run(*module)))
    return 1;
  auto out = openOutputFile(output, &error);
  if (!out) {
    llvm::errs() << "kiln-translate: error: " << error << "\n";
    return 1;
  }
  bool ok = true;
  for (func::FuncOp f : module->getOps<func::FuncOp>()) {
    int n = 0;
    f.walk([&](mlir::kiln::FusionOp fusion) {
      std::string name = f.getName().str() + "_fusion_" + std::to_string(n++);
      FailureOr<mlir::kiln::EmittedKernel> k = mlir::kiln::emitKernel(fusion, name);
      if (failed(k)) {
        ok = false;
        return;
      }
      out->os() << "// ---- kernel " << name << " ("
                << fusion.getFamily().value_or("") << ")\n"
                << k->source << "\n";
    });
  }
  if (!ok)
    return 1;
  out->keep();
  return 0;
}
