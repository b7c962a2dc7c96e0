//===- KernelCache.cpp - content-addressed cache of compiled kernels ------===//

#include "kiln/Runtime/KernelCache.h"

#include "kiln/Runtime/Artifact.h"
#include "kiln/Runtime/Files.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include <sys/stat.h>

// xxHash, header-only: XXH3-128 names cache entries.
#define XXH_INLINE_ALL
#include <xxhash.h>

namespace kiln::rt {

namespace {
constexpr uint8_t kEntryMagic[8] = {'K', 'L', 'N', 'C', 'A', 'C', 'H', '1'};
constexpr size_t kEntryHeader = 24; // magic, u64 size, u64 checksum

void putU64(uint8_t *p, uint64_t v) {
  for (int i = 0; i < 8; ++i)
    p[i] = static_cast<uint8_t>(v >> (8 * i));
}
uint64_t getU64(const uint8_t *p) {
  uint64_t v = 0;
  for (int i = 7; i >= 0; --i)
    v = (v << 8) | p[i];
  return v;
}
} // namespace

CacheKey &CacheKey::add(const std::string &part) {
  // The length before each part keeps ("ab", "c") and ("a", "bc") apart.
  framed_ += std::to_string(part.size());
  framed_ += ':';
  framed_ += part;
  return *this;
}

std::string CacheKey::hex() const {
  XXH128_hash_t h = XXH3_128bits(framed_.data(), framed_.size());
  char buf[33];
  std::snprintf(buf, sizeof buf, "%016llx%016llx",
                static_cast<unsigned long long>(h.high64),
                static_cast<unsigned long long>(h.low64));
  return buf;
}

KernelCache::KernelCache(std::string dir) : dir_(std::move(dir)) {
  if (!dir_.empty())
    return;
  if (const char *env = std::getenv("KILN_CACHE_DIR"); env && *env)
    dir_ = env;
  else if (const char *home = std::getenv("HOME"); home && *home)
    dir_ = std::string(home) + "/.cache/kiln";
  else
    dir_ = "/tmp/kiln-cache";
}

std::string KernelCache::entryPath(const std::string &kind,
                                   const std::string &key) const {
  return dir_ + "/" + kind + "/" + key.substr(0, 2) + "/" + key;
}

std::optional<std::vector<uint8_t>>
KernelCache::get(const std::string &kind, const std::string &key) const {
  const std::string path = entryPath(kind, key);
  // A writer of this entry killed midway left its temporary beside it.
  removeStaleTemporaries(path.substr(0, path.rfind('/')), key + ".tmp.");
  Expected<std::vector<uint8_t>> bytes = readFile(path);
  if (!bytes || bytes->size() < kEntryHeader ||
      std::memcmp(bytes->data(), kEntryMagic, 8) != 0)
    return std::nullopt;
  uint64_t size = getU64(bytes->data() + 8);
  uint64_t sum = getU64(bytes->data() + 16);
  if (size != bytes->size() - kEntryHeader ||
      fnv1a64(bytes->data() + kEntryHeader, size) != sum)
    return std::nullopt; // truncated or corrupted: rebuild
  return std::vector<uint8_t>(bytes->begin() + kEntryHeader, bytes->end());
}

Status KernelCache::put(const std::string &kind, const std::string &key,
                        const std::vector<uint8_t> &payload) const {
  std::string path = entryPath(kind, key);
  if (Status s = makeDirectories(path.substr(0, path.rfind('/'))); !s)
    return s;
  std::vector<uint8_t> entry(kEntryHeader);
  std::memcpy(entry.data(), kEntryMagic, 8);
  putU64(entry.data() + 8, payload.size());
  putU64(entry.data() + 16, fnv1a64(payload.data(), payload.size()));
  entry.insert(entry.end(), payload.begin(), payload.end());
  return writeFileAtomically(path, entry.data(), entry.size());
}

Status makeDirectories(const std::string &path) {
  std::string partial;
  size_t pos = 0;
  while (pos != std::string::npos) {
    pos = path.find('/', pos + 1);
    partial = path.substr(0, pos);
    if (partial.empty())
      continue;
    if (::mkdir(partial.c_str(), 0755) != 0 && errno != EEXIST)
      return Error(partial + ": cannot create directory: " +
                   std::strerror(errno));
  }
  return Status::ok();
}

} // namespace kiln::rt
