//===- DeviceLibrary.cpp - the headers generated kernels include ----------===//

#include "kiln/Runtime/DeviceLibrary.h"

#include "kiln/Runtime/KernelCache.h"

namespace kiln::rt {

namespace embedded {
struct EmbeddedFile {
  const char *name;
  const char *text;
};
#include "EmbeddedHeaders.inc"
} // namespace embedded

const std::vector<EmbeddedHeader> &deviceLibraryHeaders() {
  static const std::vector<EmbeddedHeader> headers = [] {
    std::vector<EmbeddedHeader> h;
    for (unsigned i = 0; i < embedded::kFileCount; ++i)
      h.push_back({embedded::kFiles[i].name, embedded::kFiles[i].text});
    return h;
  }();
  return headers;
}

const std::string &deviceLibraryHash() {
  static const std::string hash = [] {
    CacheKey key;
    for (const EmbeddedHeader &h : deviceLibraryHeaders())
      key.add(h.name).add(h.text);
    return key.hex();
  }();
  return hash;
}

} // namespace kiln::rt
