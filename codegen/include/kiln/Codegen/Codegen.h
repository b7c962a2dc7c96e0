//===- Codegen.h - kiln.fusion → CUDA C++ kernels -------------------------===//
//
// One translation unit per kiln.fusion: readable CUDA C++ named after the
// fusion, one comment line per fused op, including the device library. The
// same source compiles with NVRTC for GPUs and with the host compiler for
// the cpu device. Each kernel comes with its parameter list and launch
// shape, which the artifact records.
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
/// input, one pointer per fusion result, then `scalars` (kinds and values).
struct EmittedKernel {
  std::string name;
  std::string source;
  std::vector<::kiln::rt::ParamKind> params;
  std::vector<::kiln::rt::LaunchArg> scalars;
  uint32_t grid[3] = {1, 1, 1};
  uint32_t block[3] = {1, 1, 1};
  uint32_t sharedBytes = 0;
};

/// Emits the kernel of one fusion, or fails with a diagnostic at the fusion
/// naming what is not supported yet.
FailureOr<EmittedKernel> emitKernel(FusionOp fusion, StringRef name);

/// The pointwise family: one thread per output element (grid-stride loop),
/// every fused op evaluated at that element's index, movement ops as index
/// arithmetic.
FailureOr<EmittedKernel> emitPointwiseKernel(FusionOp fusion, StringRef name);

/// The elementwise epilogue of a fusion whose first op computes `root` one
/// output element at a time: statements evaluating the fusion's result at
/// index i0 … given `root`'s value there in `rootVar`, and the variable that
/// holds the result.
FailureOr<std::pair<std::string, std::string>>
emitPointwiseEpilogue(FusionOp fusion, Value root, const std::string &rootVar);

/// Statements evaluating `value` (defined in the fusion's body by pointwise
/// ops) at index `idx` (variables already declared) from the fusion's inputs
/// `in<i>`, and the variable holding it; when `root` is given, its value at
/// `idx` is already in `rootVar`. Fresh variables start with `prefix`, so a
/// prologue and an epilogue can share one scope.
FailureOr<std::pair<std::string, std::string>>
emitPointwiseValue(FusionOp fusion, Value value, ArrayRef<std::string> idx,
                   StringRef prefix, Value root = {}, StringRef rootVar = {});

/// The row-reduction family: one block per row (reductions, softmax,
/// log_softmax, layer / group / rms norms, argmax, cumsum, topk).
FailureOr<EmittedKernel> emitRowReductionKernel(FusionOp fusion,
                                                StringRef name);

/// Direct kernels (one thread per output element): matmul, qmatmul, conv2d,
/// conv1d, conv_transpose2d, gather, iota, random_normal.
FailureOr<EmittedKernel> emitDirectKernel(FusionOp fusion, StringRef name);

/// The scan family: a chunked selective scan, one block per (batch,
/// channel), its pointwise prologue (e.g. softplus(delta + bias)) and
/// epilogue (D skip, SiLU(z) gate) generated from the fusion's ops.
FailureOr<EmittedKernel> emitScanKernel(FusionOp fusion, StringRef name);

/// A byte copy of `bytes` bytes (used to write a tied result back into its
/// argument's buffer once every kernel that reads the argument has run).
EmittedKernel emitCopyKernel(StringRef name, int64_t bytes);

/// The C++ storage type of an element type ("float", "__nv_bfloat16",
/// "uint8_t" for i1, ...).
std::string storageType(Type element);

} // namespace mlir::kiln

#endif // KILN_CODEGEN_CODEGEN_H
