//===- Compile.h - kiln IR → .kiln artifact -------------------------------===//
//
// The compiler pipeline in one call: canonicalize, form fusions, plan memory,
// generate one CUDA kernel per fusion, compile them with NVRTC for the
// requested GPU architectures, and assemble the artifact (entries for every
// function, buffer plan, launches, weights). Used by `kilnc compile`
// (ahead of time) and `kilnc run --device cpu|cuda` (in process).
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_COMPILE_H
#define KILN_COMPILER_COMPILE_H

#include "kiln/Runtime/Artifact.h"
#include "kiln/Runtime/Safetensors.h"

#include "mlir/IR/BuiltinOps.h"

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace kiln {

struct CompileOptions {
  /// GPU architectures to build cubins for ("sm_90", "sm_80"); empty builds
  /// none (the cpu device compiles the CUDA source itself).
  std::vector<std::string> targets;
  /// Weights for kiln.param (may be null when the program has none).
  const rt::TensorFile *weights = nullptr;
  /// Kernel cache directory (empty: the default).
  std::string cacheDir;
  /// Called with (kernels compiled, kernels in all) before NVRTC starts and
  /// after each kernel, from the compiling threads one call at a time.
  std::function<void(int done, int total)> progress;
};

struct CompileStats {
  int kernels = 0;
  std::map<std::string, int> kernelsPerFamily;
  uint64_t arenaBytes = 0;  // the largest entry's
  uint64_t weightBytes = 0;
  int cacheHits = 0;
  std::map<std::string, double> secondsPerPhase;
  std::string nvrtcLog;

  /// {"kernels": .., "kernels_per_family": {..}, ...}
  std::string toJson() const;
};

/// Compiles `module` (consumed: it is rewritten in place) into an artifact.
/// Diagnostics go to the context's handler; the returned error summarizes.
rt::Expected<rt::Artifact> compileModule(mlir::ModuleOp module,
                                         const CompileOptions &options,
                                         CompileStats *stats = nullptr);

} // namespace kiln

#endif // KILN_COMPILER_COMPILE_H
