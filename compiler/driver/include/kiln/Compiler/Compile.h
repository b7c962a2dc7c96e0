//===- Compile.h - kiln IR → .kiln artifact -------------------------------===//
//
// The compiler pipeline in one call: canonicalize, decompose, quantize,
// precision, form fusions, plan memory, generate one CUDA kernel per fusion,
// compile them with NVRTC for the requested GPU architectures, and assemble
// the artifact (entries for every function, buffer plan, launches,
// weights). Used by `kilnc compile` (ahead of time), `kilnc run --device
// cpu|cuda` (in process) and kiln-translate (the kernels' source).
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

/// The compiler's name and version, recorded in every artifact.
constexpr const char *kCompilerVersion = "kilnc 0.1.0";

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
  /// Float type of params and activations ("f32", "bf16", "f16"); empty
  /// keeps the program's own types (kiln-precision).
  std::string precision;
  /// Block-wise weight quantization of matmuls against params
  /// (kiln-quantize-weights): 0 = off, 4 or 8 bits; block along K (32, 64,
  /// 128); "absmax" or "deepspeed"; params matching `quantizeSkip` (a
  /// regular expression) stay as they are.
  int quantizeBits = 0;
  /// Non-empty: the artifact names this safetensors file (beside it) for
  /// its weights instead of embedding them, and params need no data now —
  /// for models too large to ship with their kernels (the weights are
  /// generated or downloaded where the artifact runs). The program's
  /// non-splat constants go to `CompileStats::externalConstants`; the
  /// weights file must hold them too.
  std::string externalWeights;
  int quantizeBlockSize = 64;
  std::string quantizeScheme = "absmax";
  std::string quantizeSkip;
  /// kiln-tf32: f32 convolutions / matmuls whose tiled kernels round their
  /// operands to TF32 for the tensor cores. PyTorch's defaults: on for
  /// convolutions, off for matmuls.
  bool tf32Convolutions = true;
  bool tf32Matmuls = false;
  /// kiln-hopper-gemm. When every target is sm_90a (that code runs on no
  /// other GPU), the x · Wᵀ matmuls whose grids fill an H100 take the
  /// sm_90a kernel; `hopperGemm` puts every matmul the kernel takes on it,
  /// whatever the targets (tests run it on the cpu device this way).
  bool hopperGemm = false;
  /// Called with every launch's kernel as it is generated (name, family,
  /// CUDA source), identical kernels included: kiln-translate prints them.
  std::function<void(const std::string &name, const std::string &family,
                     const std::string &source)>
      onKernel;
};

struct CompileStats {
  int kernels = 0;  // distinct kernels (identical ones are stored once)
  int launches = 0; // kernel launches of every entry
  std::map<std::string, int> kernelsPerFamily;
  uint64_t arenaBytes = 0;  // the largest entry's
  uint64_t weightBytes = 0; // as stored: int4 codes packed, scales included
  /// Device memory a session of the largest entry holds: weights, arena,
  /// inputs and outputs.
  uint64_t deviceBytes = 0;
  /// Weight bytes the params would take at their declared types without
  /// quantization (the quantized ones counted at their original type).
  uint64_t unquantizedWeightBytes = 0;
  int cacheHits = 0;
  std::map<std::string, double> secondsPerPhase;
  std::string nvrtcLog;
  /// With CompileOptions::externalWeights: the constants the external
  /// weights file must also hold.
  rt::TensorFile externalConstants;

  /// The statistics as a JSON object (keys sorted, two-space indent).
  std::string toJson() const;
};

/// Compiles `module` (consumed: it is rewritten in place) into an artifact.
/// Diagnostics go to the context's handler; the returned error summarizes.
rt::Expected<rt::Artifact> compileModule(mlir::ModuleOp module,
                                         const CompileOptions &options,
                                         CompileStats *stats = nullptr);

} // namespace kiln

#endif // KILN_COMPILER_COMPILE_H
