//===- MlirFuzzer.cpp - libFuzzer target for the kiln text reader ---------===//
//
// Feeds arbitrary text through what kiln-opt and kilnc do with a program
// file: the nesting bound (TextNesting.h), then MLIR's parser with the kiln
// and func dialects and the verifier (every kiln op's verifier and type
// inference). Diagnostics are expected; any crash or sanitizer report is a
// finding. One context serves many inputs (creating one per input would
// dominate the run); it is renewed every few thousand so its uniqued
// attributes and types do not grow without bound. Run (asan preset, clang):
//   mkdir -p /tmp/kiln-mlir-corpus && ./build-asan/bin/kiln-fuzz-mlir \
//       -max_total_time=600 /tmp/kiln-mlir-corpus test/fuzz/corpus/mlir
//
//===----------------------------------------------------------------------===//

#include "kiln/Dialect/Kiln/KilnDialect.h"
#include "kiln/Dialect/Kiln/TextNesting.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"

#include <memory>
#include <string>

namespace {

std::unique_ptr<mlir::MLIRContext> freshContext() {
  mlir::DialectRegistry registry;
  registry.insert<mlir::kiln::KilnDialect, mlir::func::FuncDialect>();
  auto context = std::make_unique<mlir::MLIRContext>(registry);
  context->disableMultithreading();
  context->loadAllAvailableDialects();
  return context;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static std::unique_ptr<mlir::MLIRContext> context;
  static unsigned uses = 0;
  if (!context || ++uses % 4096 == 0)
    context = freshContext();
  // MLIR's lexer reads the byte past the end as its end marker, as the
  // tools' file buffers provide: a std::string copy has it.
  const std::string copy(reinterpret_cast<const char *>(data), size);
  llvm::StringRef text(copy);
  if (mlir::kiln::textNestingError(text, "fuzz-input"))
    return 0;
  mlir::ScopedDiagnosticHandler quiet(context.get(),
                                      [](mlir::Diagnostic &) { return mlir::success(); });
  // Parsing verifies the module as it finishes.
  mlir::OwningOpRef<mlir::ModuleOp> module =
      mlir::parseSourceString<mlir::ModuleOp>(text, mlir::ParserConfig(context.get()));
  (void)module;
  return 0;
}
