//===- Pipeline.cpp - Kiln's pass registration and default pipeline -------===//
//
// Registers only what Kiln uses (never InitAllPasses: it costs a minute of
// compile time per translation unit on the project's machines).
//
//===----------------------------------------------------------------------===//

#include "kiln/Passes/Pipeline.h"
#include "kiln/Passes/Passes.h"

#include "kiln/Dialect/Kiln/KilnDialect.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;
using namespace mlir::kiln;

void mlir::kiln::registerKilnDialects(DialectRegistry &registry) {
  registry.insert<kiln::KilnDialect, func::FuncDialect>();
}

void mlir::kiln::buildKilnPreparePipeline(OpPassManager &pm,
                                          const PipelineOptions &options) {
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  pm.addNestedPass<func::FuncOp>(createDecomposePass());
  if (options.quantizeBits != 0) {
    KilnQuantizeWeightsOptions q;
    q.bits = options.quantizeBits;
    q.blockSize = options.quantizeBlockSize;
    q.scheme = options.quantizeScheme;
    q.skip = options.quantizeSkip;
    pm.addNestedPass<func::FuncOp>(createKilnQuantizeWeights(q));
  }
  if (!options.precision.empty()) {
    KilnPrecisionOptions p;
    p.precision = options.precision;
    pm.addNestedPass<func::FuncOp>(createKilnPrecision(p));
    // Casts the retyping made redundant fold away.
    pm.addPass(createCanonicalizerPass());
  }
  // After kiln-precision, which decides which GEMMs stay f32.
  if (options.tf32Convolutions || options.tf32Matmuls) {
    KilnTf32Options t;
    t.convolutions = options.tf32Convolutions;
    t.matmuls = options.tf32Matmuls;
    pm.addNestedPass<func::FuncOp>(createKilnTf32(t));
  }
  // After kiln-precision, which makes the 16-bit matmuls it takes.
  if (options.hopperMinTiles > 0) {
    KilnHopperGemmOptions h;
    h.minTiles = options.hopperMinTiles;
    pm.addNestedPass<func::FuncOp>(createKilnHopperGemm(h));
  }
  // After kiln-precision (16-bit convolutions) and kiln-tf32 (f32 ones
  // allowed TF32); CSE merges the transposes of a value read by several
  // convolutions.
  pm.addNestedPass<func::FuncOp>(createKilnChannelsLast());
  pm.addPass(createCSEPass());
}

void mlir::kiln::buildKilnLoweringPipeline(OpPassManager &pm) {
  pm.addNestedPass<func::FuncOp>(createFormFusionsPass());
  pm.addNestedPass<func::FuncOp>(createPlanMemoryPass());
}

void mlir::kiln::buildKilnPipeline(OpPassManager &pm) {
  buildKilnPreparePipeline(pm);
  buildKilnLoweringPipeline(pm);
}

void mlir::kiln::registerKilnPasses() {
  registerCanonicalizerPass();
  registerCSEPass();
  registerSymbolDCEPass();
  registerInlinerPass();
  registerKilnGeneratedPasses();
  PassPipelineRegistration<>(
      "kiln-pipeline",
      "Kiln's compilation pipeline up to code generation: canonicalize, "
      "cse, kiln-decompose, kiln-tf32, kiln-channels-last, cse, "
      "kiln-form-fusions, kiln-plan-memory",
      [](OpPassManager &pm) { buildKilnPipeline(pm); });
}
