//===- DeviceLibrary.h - the headers generated kernels include ------------===//
//
// The device library (runtime/device/*.cuh) and the CUDA emulation header
// (runtime/emu/kiln_emu.h) are embedded in the runtime at build time, so the
// cpu device and NVRTC (given the headers in memory) never depend on a source
// tree being present.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_RUNTIME_DEVICELIBRARY_H
#define KILN_RUNTIME_DEVICELIBRARY_H

#include <string>
#include <vector>

namespace kiln::rt {

struct EmbeddedHeader {
  std::string name; // "kiln_device.cuh", "kiln_emu.h", ...
  const char *text;
};

/// Every embedded header.
const std::vector<EmbeddedHeader> &deviceLibraryHeaders();

/// A hash of all of them (part of every kernel cache key).
const std::string &deviceLibraryHash();

} // namespace kiln::rt

#endif // KILN_RUNTIME_DEVICELIBRARY_H
