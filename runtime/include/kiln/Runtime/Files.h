//===- Files.h - whole-file reads and atomic writes -----------------------===//
//
// Every file the runtime produces (outputs, artifacts, cache entries) appears
// whole or not at all: bytes go to a temporary file beside the target, which
// is then renamed over it (atomic on POSIX file systems), so readers and
// concurrent writers never see a partial file.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_RUNTIME_FILES_H
#define KILN_RUNTIME_FILES_H

#include "kiln/Runtime/Error.h"

#include <cstdint>
#include <string>
#include <vector>

namespace kiln::rt {

/// The whole file; errors name the path and the reason.
Expected<std::vector<uint8_t>> readFile(const std::string &path);

/// Writes `size` bytes to `path` atomically; on error nothing is left behind.
Status writeFileAtomically(const std::string &path, const void *data,
                           size_t size);

} // namespace kiln::rt

#endif // KILN_RUNTIME_FILES_H
