//===- KernelCache.h - content-addressed cache of compiled kernels --------===//
//
// Compiled kernels (cpu shared objects, NVRTC cubins) are cached on disk by
// the hash of everything that determines them: source, options, target,
// compiler version, headers. Entries are written atomically (temporary file
// + rename), carry a checksum, and a corrupted or truncated entry reads as a
// miss and is rebuilt, so concurrent processes can share one directory.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_RUNTIME_KERNELCACHE_H
#define KILN_RUNTIME_KERNELCACHE_H

#include "kiln/Runtime/Error.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kiln::rt {

/// Accumulates the inputs of a cache key; `hex()` is their XXH3-128 digest
/// (32 hex digits). A collision would run the wrong kernel, so the key is a
/// real 128-bit hash of every input, each framed by its length.
class CacheKey {
public:
  CacheKey &add(const std::string &part);
  std::string hex() const;

private:
  std::string framed_;
};

class KernelCache {
public:
  /// `dir` empty: $KILN_CACHE_DIR, else $HOME/.cache/kiln.
  explicit KernelCache(std::string dir = "");

  const std::string &directory() const { return dir_; }

  /// The payload stored under `key` in `kind` ("cpu", "cubin"), or nullopt
  /// when absent, truncated or corrupted.
  std::optional<std::vector<uint8_t>> get(const std::string &kind,
                                          const std::string &key) const;
  /// Stores a payload atomically (creating directories as needed).
  Status put(const std::string &kind, const std::string &key,
             const std::vector<uint8_t> &payload) const;
  /// Path of the entry (for tests that corrupt it on purpose).
  std::string entryPath(const std::string &kind, const std::string &key) const;

private:
  std::string dir_;
};

/// Creates a directory and its parents (like mkdir -p).
Status makeDirectories(const std::string &path);

} // namespace kiln::rt

#endif // KILN_RUNTIME_KERNELCACHE_H
