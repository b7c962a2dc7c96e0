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

namespace mlir {
class DialectRegistry;
class OpPassManager;

namespace kiln {

/// Adds the dialects Kiln programs use (kiln, func) to `registry`.
void registerKilnDialects(DialectRegistry &registry);

/// Registers the passes Kiln uses with the global pass registry, and the
/// `kiln-pipeline` pipeline.
void registerKilnPasses();

/// Appends Kiln's default compilation pipeline to `pm` (module level).
void buildKilnPipeline(OpPassManager &pm);

} // namespace kiln
} // namespace mlir

#endif // KILN_PASSES_PIPELINE_H
