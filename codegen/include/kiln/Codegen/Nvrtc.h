//===- Nvrtc.h - compile generated CUDA C++ with NVRTC --------------------===//
//
// Cubins per target architecture plus the PTX of the lowest target (from the
// same compilation), compiled with the device library passed in memory,
// cached on disk by the kernel cache (key: source, options, arch, NVRTC
// version, device library) together with NVRTC's log. Works without a GPU.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_CODEGEN_NVRTC_H
#define KILN_CODEGEN_NVRTC_H

#include "kiln/Runtime/Error.h"

#include <string>
#include <vector>

namespace mlir::kiln {

struct NvrtcImages {
  std::vector<std::pair<std::string, std::string>> cubins; // arch → image
  std::string ptx;
  /// Warnings, register and spill counts (ptxas -v), cached images' too.
  std::string log;
  int cacheHits = 0; // images taken from the kernel cache
};

/// True when this build can run NVRTC.
bool nvrtcAvailable();

/// "12.9" or an empty string.
std::string nvrtcVersion();

/// Compiles `source` (defining extern "C" kernel `name`) for every arch in
/// `archs` ("sm_80", "sm_90", …). Errors carry NVRTC's log.
::kiln::rt::Expected<NvrtcImages>
compileWithNvrtc(const std::string &source, const std::string &name,
                 const std::vector<std::string> &archs,
                 const std::string &cacheDir = "");

} // namespace mlir::kiln

#endif // KILN_CODEGEN_NVRTC_H
