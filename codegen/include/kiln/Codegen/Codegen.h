//===- Codegen.h - kiln.fusion → CUDA C++ kernels -------------------------===//
//
// One translation unit per kiln.fusion: readable CUDA C++ named after the
// fusion, one comment line per fused op, including the device library. The
// same source compiles with NVRTC for GPUs and with the host compiler for
// the cpu device. Each kernel comes with its parameter list and launch
// shape, which the artifact records. The kernel family of the fusion
// (`#kiln.family<...>`) picks the emitter; docs/codegen.md has the table.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_CODEGEN_CODEGEN_H
#define KILN_CODEGEN_CODEGEN_H

#include "kiln/Dialect/Kiln/KilnOps.h"
#include "kiln/Runtime/Artifact.h"

#include <string>
#include <vector>

namespace mlir::kiln {

/// A generated kernel. Parameters are, in order: one pointer per fusion
/// input, one pointer per fusion result, the workspace pointer when its
/// fusion has a workspace, then `scalars` (kinds and values).
struct EmittedKernel {
  std::string name;
  std::string source;
  std::vector<::kiln::rt::ParamKind> params;
  /// The launch arguments after the buffers: scalars, and tensor maps
  /// whose `buffer` is the index of the fusion input they view (the driver
  /// puts the input's buffer there).
  std::vector<::kiln::rt::LaunchArg> scalars;
  uint32_t grid[3] = {1, 1, 1};
  uint32_t block[3] = {1, 1, 1};
  uint32_t sharedBytes = 0;
  /// Floating-point operations of the kernel's matrix work (two per
  /// multiply-add of a matmul, convolution or attention, counted dense); 0
  /// for kernels without. The SASS report's compute-bound estimate.
  uint64_t flops = 0;
};

/// The kernels of one fusion, launched in order on one stream. Most fusions
/// are one kernel; a fusion whose work needs a grid-wide step (a row split
/// across blocks: partial statistics, then the rows normalized with them)
/// is several, which pass data through `workspaceBytes` of scratch device
/// memory that lives only while they run.
struct EmittedFusion {
  std::vector<EmittedKernel> kernels;
  uint64_t workspaceBytes = 0;
};

/// Emits the kernels of one fusion with the emitter of its family, or fails
/// with a diagnostic at the fusion naming what is not supported. The last
/// kernel is named `name`; kernels before it `name` and a suffix.
FailureOr<EmittedFusion> emitFusion(FusionOp fusion, StringRef name);

/// The copy family: a copy of `bytes` bytes (the compiler writes a tied
/// result back into its argument's buffer with it once every kernel that
/// reads the argument has run).
EmittedKernel emitCopyKernel(StringRef name, int64_t bytes);

} // namespace mlir::kiln

#endif // KILN_CODEGEN_CODEGEN_H
