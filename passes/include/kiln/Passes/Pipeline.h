//===- Pipeline.h - Kiln's pass registration and default pipeline ---------===//
//
// What kiln-opt (and later kilnc) registers: the upstream passes Kiln runs and
// the `kiln-pipeline` pass pipeline, which grows as passes land
// (canonicalize → decompose → quantize → precision → form fusions → plan
// memory; architecture.md).
//
//===----------------------------------------------------------------------===//

#ifndef KILN_PASSES_PIPELINE_H
#define KILN_PASSES_PIPELINE_H

#include <cstdint>
#include <string>

namespace mlir {
class DialectRegistry;
class OpPassManager;

namespace kiln {

/// Adds the dialects Kiln programs use (kiln, func) to `registry`.
void registerKilnDialects(DialectRegistry &registry);

/// Registers the passes Kiln uses with the global pass registry, and the
/// `kiln-pipeline` pipeline.
void registerKilnPasses();

/// The user's choices that shape the first phase.
struct PipelineOptions {
  /// kiln-precision's type ("f32", "bf16", "f16"); empty runs no precision
  /// pass.
  std::string precision;
  /// kiln-quantize-weights: 0 (off), 4 or 8 bits, the block along K, the
  /// scheme, and the regular expression of params to leave alone.
  int64_t quantizeBits = 0;
  int64_t quantizeBlockSize = 64;
  std::string quantizeScheme = "absmax";
  std::string quantizeSkip;
  /// kiln-tf32: f32 convolutions and matmuls that may round their operands
  /// to TF32 for the tensor cores (PyTorch's defaults: convolutions yes,
  /// matmuls no).
  bool tf32Convolutions = true;
  bool tf32Matmuls = false;
  /// kiln-hopper-gemm's min-tiles: x · Wᵀ matmuls of at least this many
  /// 128 x 128 tiles take the sm_90a kernel; 0 runs no such pass.
  int64_t hopperMinTiles = 0;
};

/// Phase 1 (module level): canonicalize, cse, decompose, quantize weights,
/// precision, tf32, hopper-gemm, channels-last. The compile driver then folds what reads
/// only params (the quantizes) with the weights in hand.
void buildKilnPreparePipeline(OpPassManager &pm,
                              const PipelineOptions &options = {});

/// Phase 2 (module level): form fusions, plan memory.
void buildKilnLoweringPipeline(OpPassManager &pm);

/// Both phases with default options: Kiln's compilation pipeline up to
/// code generation (`kiln-pipeline` in kiln-opt).
void buildKilnPipeline(OpPassManager &pm);

} // namespace kiln
} // namespace mlir

#endif // KILN_PASSES_PIPELINE_H
