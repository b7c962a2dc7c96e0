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
/// Temporaries of `path` that killed writers left (`path.tmp.<pid>.<n>`)
/// are removed first.
Status writeFileAtomically(const std::string &path, const void *data,
                           size_t size);

/// Removes the files in `dir` whose names are `<prefix><pid>.<anything>`
/// (every temporary name carries its writer's pid) where no process `pid`
/// runs any more and the file is older than this process: what a killed
/// writer left behind. A live writer's file, or one made after this process
/// started (by a writer this process cannot see), is kept.
void removeStaleTemporaries(const std::string &dir, const std::string &prefix);

/// The same for every file in `dir` named `<stem>.<pid>.<n>[.<rest>]` —
/// whatever the stem: a directory that only ever holds temporaries and
/// entries named otherwise (a kernel cache's work directories) — and in its
/// subdirectories `depth` levels down.
void removeStaleTemporariesIn(const std::string &dir, int depth = 0);

} // namespace kiln::rt

#endif // KILN_RUNTIME_FILES_H
