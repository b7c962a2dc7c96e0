//===- KernelFamilies.cpp - a fusion's family picks its emitter -----------===//
//
// The dispatch table: one emitter per kernel family, each in its own file
// (<Family>Emitter.cpp) with its device header (kiln_<family>.cuh) and its
// FileCheck test (test/codegen/<family>.mlir). Before dispatching, the
// fusion's structure is checked against what its root declares: an
// epilogue only after a root that takes one, computed operands only for a
// root that takes prologues.
//
//===----------------------------------------------------------------------===//

#include "EmitterSupport.h"

using namespace mlir;
using namespace mlir::kiln;
using namespace mlir::kiln::codegen;

namespace {

struct FamilyEntry {
  KernelFamily family;
  FusionEmitter emit;
};

/// A family whose fusions are always one kernel.
template <FamilyEmitter Emit>
FailureOr<EmittedFusion> oneKernel(FusionOp fusion, StringRef name) {
  return singleKernel(Emit(fusion, name));
}

const FamilyEntry kFamilies[] = {
    {KernelFamily::Pointwise, oneKernel<emitPointwiseKernel>},
    {KernelFamily::Reduction, emitReductionFusion},
    {KernelFamily::Gemm, oneKernel<emitGemmKernel>},
    {KernelFamily::Qmatmul, emitQmatmulFusion},
    {KernelFamily::Convolution, oneKernel<emitConvolutionKernel>},
    {KernelFamily::Attention, oneKernel<emitAttentionKernel>},
    {KernelFamily::Scan, oneKernel<emitScanKernel>},
    {KernelFamily::Data, oneKernel<emitDataKernel>},
    // The copy family has no fusion: the compiler asks for it by size
    // (emitCopyKernel, CopyEmitter.cpp).
};

} // namespace

FailureOr<EmittedFusion> mlir::kiln::emitFusion(FusionOp fusion,
                                                StringRef name) {
  KernelFamily family = fusion.getKernelFamily();
  StringRef familyName = stringifyKernelFamily(family);
  auto root = dyn_cast_or_null<KernelRootOpInterface>(fusion.getRootOp());
  if (!root)
    return fusion.emitOpError("has no kernel root (a fusion needs an op to "
                              "compute)");
  if (family != KernelFamily::Pointwise) {
    if (!root.acceptsPrologue() &&
        failed(checkRootReadsInputs(fusion, root, familyName)))
      return failure();
    if (hasEpilogue(fusion) && !root.acceptsEpilogue())
      return fusion.emitOpError()
             << "fuses an epilogue after " << root->getName() << ", whose "
             << familyName << " kernel takes none";
  }
  for (const FamilyEntry &entry : kFamilies)
    if (entry.family == family)
      return entry.emit(fusion, name);
  return fusion.emitOpError() << "the " << familyName
                              << " family has no fusion emitter";
}
