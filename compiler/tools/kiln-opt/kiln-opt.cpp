//===- kiln-opt.cpp - MlirOptMain with Kiln's dialects and passes ---------===//
//
// The driver lit tests and pipeline debugging use: parses kiln IR, runs the
// requested passes with verification after each (MlirOptMain's default), and
// prints the result. Exits 1 on malformed input or a failing verifier.
//
//===----------------------------------------------------------------------===//

#include "kiln/Passes/Pipeline.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  mlir::DialectRegistry registry;
  mlir::kiln::registerKilnDialects(registry);
  mlir::kiln::registerKilnPasses();
  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "Kiln optimizer driver\n", registry));
}
