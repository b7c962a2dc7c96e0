//===- kiln-opt.cpp - MlirOptMain with Kiln's dialects and passes ---------===//
//
// The driver lit tests and pipeline debugging use: parses kiln IR, runs the
// requested passes with verification after each (MlirOptMain's default), and
// prints the result. Exits 1 on malformed input or a failing verifier.
//
// Text nested past kMaxTextNesting is refused before the parser sees it (a
// file is checked up front); MlirOptMain runs on a thread with a 256 MiB
// stack, so text piped in on stdin, read inside MlirOptMain, gets hundreds
// of thousands of levels before the stack runs out, not five thousand.
//
//===----------------------------------------------------------------------===//

#include "kiln/Dialect/Kiln/TextNesting.h"
#include "kiln/Passes/Pipeline.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/thread.h"

#include <optional>
#include <string>
#include <tuple>

int main(int argc, char **argv) {
  mlir::DialectRegistry registry;
  mlir::kiln::registerKilnDialects(registry);
  mlir::kiln::registerKilnPasses();
  std::string input, output;
  std::tie(input, output) = mlir::registerAndParseCLIOptions(
      argc, argv, "Kiln optimizer driver\n", registry);
  if (input != "-") {
    std::string error;
    std::unique_ptr<llvm::MemoryBuffer> file = mlir::openInputFile(input, &error);
    if (!file) {
      llvm::errs() << "kiln-opt: error: " << error << "\n";
      return 1;
    }
    if (auto deep = mlir::kiln::textNestingError(file->getBuffer(), input)) {
      llvm::errs() << "kiln-opt: error: " << *deep << "\n";
      return 1;
    }
  }
  int code = 1;
  llvm::thread worker(std::optional<unsigned>(256u << 20), [&] {
    code = mlir::asMainReturnCode(
        mlir::MlirOptMain(argc, argv, input, output, registry));
  });
  worker.join();
  return code;
}
