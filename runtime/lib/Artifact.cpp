//===- Artifact.cpp - read, validate and write .kiln artifacts ------------===//

#include "kiln/Runtime/Artifact.h"

#include "ArtifactManifest.h"

#include "kiln/Runtime/Files.h"

#include <cctype>
#include <cstring>
#include <map>
#include <set>

namespace kiln::rt {

namespace {

constexpr uint8_t kMagic[8] = {0x89, 'K', 'L', 'N', '\r', '\n', 0x1a, '\n'};
constexpr size_t kHeaderBytes = 32, kSectionEntryBytes = 32, kAlign = 64;
constexpr uint32_t kMaxSections = 16;
constexpr uint64_t kMaxSharedBytes = 228 * 1024;

enum SectionKind : uint32_t { Manifest_ = 1, Blob = 2, Weights = 3 };

struct Section {
  uint32_t kind;
  uint64_t offset, size, checksum;
};

uint32_t readU32(const uint8_t *p) {
  uint32_t v = 0;
  for (int i = 3; i >= 0; --i)
    v = (v << 8) | p[i];
  return v;
}
uint64_t readU64(const uint8_t *p) {
  uint64_t v = 0;
  for (int i = 7; i >= 0; --i)
    v = (v << 8) | p[i];
  return v;
}
void putU32(std::vector<uint8_t> &out, size_t at, uint32_t v) {
  for (int i = 0; i < 4; ++i)
    out[at + i] = static_cast<uint8_t>(v >> (8 * i));
}
void putU64(std::vector<uint8_t> &out, size_t at, uint64_t v) {
  for (int i = 0; i < 8; ++i)
    out[at + i] = static_cast<uint8_t>(v >> (8 * i));
}

bool inBlob(BlobRange r, size_t blobSize) {
  return r.offset <= blobSize && r.size <= blobSize - r.offset;
}

std::string rangeText(BlobRange r) {
  return "[" + std::to_string(r.offset) + ", +" + std::to_string(r.size) + "]";
}

bool isIdentifier(const std::string &s) {
  if (s.empty() || !(std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_'))
    return false;
  for (char c : s)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_'))
      return false;
  return true;
}

Status validateEntry(const Manifest &m, const EntryInfo &e,
                     const std::map<std::string, const WeightInfo *> &weights) {
  auto fail = [&](const std::string &msg) {
    return Status(Error("entry '" + e.name + "': " + msg));
  };
  std::set<std::string> names;
  for (const auto *list : {&e.inputs, &e.outputs})
    for (const TensorInfo &t : *list)
      if (t.name.empty() || !names.insert((list == &e.inputs ? "in:" : "out:") + t.name).second)
        return fail("tensor name '" + t.name + "' is empty or repeated");
  if (e.arenaBytes > kMaxArenaBytes)
    return fail("arena of " + std::to_string(e.arenaBytes) +
                " bytes exceeds the 2^52-byte limit");
  // Buffer capacities.
  std::vector<uint64_t> capacity;
  for (size_t i = 0; i < e.buffers.size(); ++i) {
    const BufferInfo &b = e.buffers[i];
    std::string where = "buffers[" + std::to_string(i) + "]";
    switch (b.kind) {
    case BufferInfo::Kind::Input:
      if (b.input < 0 || b.input >= static_cast<int64_t>(e.inputs.size()))
        return fail(where + " names input " + std::to_string(b.input) +
                    " of " + std::to_string(e.inputs.size()));
      capacity.push_back(e.inputs[b.input].byteSize());
      break;
    case BufferInfo::Kind::Weight: {
      auto it = weights.find(b.weight);
      if (it == weights.end())
        return fail(where + " names weight '" + b.weight +
                    "', which the weight index lacks");
      Expected<uint64_t> size = byteCount(it->second->dtype, it->second->shape);
      if (!size)
        return fail(where + " weight '" + b.weight + "': " +
                    size.error().message());
      capacity.push_back(*size);
      break;
    }
    case BufferInfo::Kind::Arena:
      if (b.offset > e.arenaBytes || b.bytes > e.arenaBytes - b.offset)
        return fail(where + " [" + std::to_string(b.offset) + ", +" +
                    std::to_string(b.bytes) + "] exceeds the " +
                    std::to_string(e.arenaBytes) + "-byte arena");
      capacity.push_back(b.bytes);
      break;
    }
  }
  auto checkTensor = [&](const TensorInfo &t, const char *what) -> Status {
    if (t.buffer < 0 || t.buffer >= static_cast<int64_t>(e.buffers.size()))
      return fail(std::string(what) + " '" + t.name + "' uses buffer " +
                  std::to_string(t.buffer) + " of " +
                  std::to_string(e.buffers.size()));
    if (Expected<int64_t> n = elementCount(t.shape); !n)
      return fail(std::string(what) + " '" + t.name + "': " +
                  n.error().message());
    if (t.byteSize() > capacity[t.buffer])
      return fail(std::string(what) + " '" + t.name + "' needs " +
                  std::to_string(t.byteSize()) + " bytes but buffer " +
                  std::to_string(t.buffer) + " holds " +
                  std::to_string(capacity[t.buffer]));
    return Status::ok();
  };
  for (size_t i = 0; i < e.inputs.size(); ++i) {
    if (Status s = checkTensor(e.inputs[i], "input"); !s)
      return s;
    const BufferInfo &b = e.buffers[e.inputs[i].buffer];
    if (b.kind != BufferInfo::Kind::Input || b.input != static_cast<int64_t>(i))
      return fail("input '" + e.inputs[i].name +
                  "' must use its own input buffer");
  }
  for (const TensorInfo &t : e.outputs) {
    if (Status s = checkTensor(t, "output"); !s)
      return s;
    if (!t.tiedInput)
      continue;
    int64_t tied = *t.tiedInput;
    if (tied < 0 || tied >= static_cast<int64_t>(e.inputs.size()))
      return fail("output '" + t.name + "' is tied to input " +
                  std::to_string(tied) + " of " +
                  std::to_string(e.inputs.size()));
    const TensorInfo &in = e.inputs[tied];
    if (in.dtype != t.dtype || in.shape != t.shape || in.buffer != t.buffer)
      return fail("output '" + t.name + "' is tied to input '" + in.name +
                  "' but differs in type, shape or buffer");
  }
  for (size_t li = 0; li < e.launches.size(); ++li) {
    const LaunchInfo &l = e.launches[li];
    std::string where = "launches[" + std::to_string(li) + "]";
    if (l.kernel >= m.kernels.size())
      return fail(where + " uses kernel " + std::to_string(l.kernel) + " of " +
                  std::to_string(m.kernels.size()));
    const KernelInfo &k = m.kernels[l.kernel];
    uint64_t threads = uint64_t(l.block[0]) * l.block[1] * l.block[2];
    if (threads > 1024)
      return fail(where + " (" + k.name + ") has " + std::to_string(threads) +
                  " threads per block; the limit is 1024");
    if (l.sharedBytes > kMaxSharedBytes)
      return fail(where + " (" + k.name + ") asks for " +
                  std::to_string(l.sharedBytes) +
                  " bytes of shared memory; the limit is " +
                  std::to_string(kMaxSharedBytes));
    if (l.args.size() != k.params.size())
      return fail(where + " passes " + std::to_string(l.args.size()) +
                  " arguments to " + k.name + ", which takes " +
                  std::to_string(k.params.size()));
    for (size_t a = 0; a < l.args.size(); ++a) {
      if (l.args[a].kind != k.params[a])
        return fail(where + " argument " + std::to_string(a) + " of " + k.name +
                    " is " + paramKindName(l.args[a].kind) + ", expected " +
                    paramKindName(k.params[a]));
      const LaunchArg &arg = l.args[a];
      bool usesBuffer =
          arg.kind == ParamKind::Pointer || arg.kind == ParamKind::TensorMap;
      if (usesBuffer && (arg.buffer < 0 ||
                         arg.buffer >= static_cast<int64_t>(e.buffers.size())))
        return fail(where + " argument " + std::to_string(a) +
                    " uses buffer " + std::to_string(arg.buffer) + " of " +
                    std::to_string(e.buffers.size()));
      if (arg.kind == ParamKind::TensorMap) {
        // Buffers start 16-byte aligned on every device (arena offsets are
        // checked here); the map must cover its buffer only.
        const BufferInfo &b = e.buffers[arg.buffer];
        uint64_t base = b.kind == BufferInfo::Kind::Arena ? b.offset : 0;
        std::string what = where + " argument " + std::to_string(a) +
                           " (a tensor map of buffer " +
                           std::to_string(arg.buffer) + ")";
        if (const char *bad = tensormap::check(arg.map, base))
          return fail(what + ": " + bad);
        if (tensormap::extentBytes(arg.map) > capacity[arg.buffer])
          return fail(what + " spans " +
                      std::to_string(tensormap::extentBytes(arg.map)) +
                      " bytes of a " + std::to_string(capacity[arg.buffer]) +
                      "-byte buffer");
      }
    }
  }
  return Status::ok();
}

} // namespace

uint64_t fnv1a64(const void *data, size_t size, uint64_t seed) {
  const auto *p = static_cast<const uint8_t *>(data);
  uint64_t h = seed;
  for (size_t i = 0; i < size; ++i) {
    h ^= p[i];
    h *= 0x100000001b3ull;
  }
  return h;
}

uint64_t TensorInfo::byteSize() const {
  // Validation rejects shapes elementCount refuses, so 0 is never a real
  // answer for a loaded artifact.
  Expected<uint64_t> n = byteCount(dtype, shape);
  return n ? *n : 0;
}

const EntryInfo *Manifest::findEntry(const std::string &name) const {
  for (const EntryInfo &e : entries)
    if (e.name == name)
      return &e;
  return nullptr;
}

std::string Artifact::blobString(BlobRange range) const {
  return std::string(reinterpret_cast<const char *>(blob.data()) + range.offset,
                     range.size);
}

BlobRange Artifact::appendBlob(const void *data, size_t size) {
  BlobRange r{blob.size(), size};
  const auto *p = static_cast<const uint8_t *>(data);
  blob.insert(blob.end(), p, p + size);
  return r;
}

Status Artifact::validate() const {
  const Manifest &m = manifest;
  std::set<std::string> kernelNames;
  for (size_t i = 0; i < m.kernels.size(); ++i) {
    const KernelInfo &k = m.kernels[i];
    std::string where = "kernels[" + std::to_string(i) + "] '" + k.name + "'";
    if (!isIdentifier(k.name) || !kernelNames.insert(k.name).second)
      return Error(where + ": the name must be a unique C identifier");
    if (!inBlob(k.source, blob.size()))
      return Error(where + ": source range " + rangeText(k.source) +
                   " is outside the " + std::to_string(blob.size()) +
                   "-byte kernel blob");
    if (k.ptx && !inBlob(*k.ptx, blob.size()))
      return Error(where + ": ptx range " + rangeText(*k.ptx) +
                   " is outside the kernel blob");
    for (const KernelImage &image : k.cubins)
      if (!inBlob(image.range, blob.size()) || image.arch.rfind("sm_", 0) != 0)
        return Error(where + ": cubin '" + image.arch + "' range " +
                     rangeText(image.range) + " is invalid");
  }
  std::map<std::string, const WeightInfo *> weights;
  for (const WeightInfo &w : m.weights) {
    if (w.name.empty() || !weights.emplace(w.name, &w).second)
      return Error("weight name '" + w.name + "' is empty or repeated");
    if (m.weightsFile.empty()) {
      const HostTensor *t = this->weights.find(w.name);
      if (!t || t->dtype != w.dtype || t->shape != w.shape)
        return Error("weight '" + w.name + "' (" + dtypeName(w.dtype) +
                     formatShape(w.shape) + ") is missing from the embedded "
                     "weights or differs there" +
                     (t ? " (" + t->describe() + ")" : std::string()));
    }
  }
  std::set<std::string> entryNames;
  for (const EntryInfo &e : m.entries) {
    if (e.name.empty() || !entryNames.insert(e.name).second)
      return Error("entry name '" + e.name + "' is empty or repeated");
    if (Status s = validateEntry(m, e, weights); !s)
      return s;
  }
  return Status::ok();
}

Expected<Artifact> Artifact::parse(const uint8_t *data, size_t size,
                                   const std::string &displayName) {
  auto fail = [&](const std::string &msg) {
    return Error(displayName + ": " + msg);
  };
  if (size < kHeaderBytes || std::memcmp(data, kMagic, 8) != 0)
    return fail(size < 8 || std::memcmp(data, kMagic, 8) != 0
                    ? "not a .kiln artifact (bad magic)"
                    : "truncated: " + std::to_string(size) +
                          " bytes, shorter than the header");
  uint32_t version = readU32(data + 8);
  uint32_t count = readU32(data + 12);
  uint64_t fileSize = readU64(data + 16);
  uint64_t headerSum = readU64(data + 24);
  // The checksum covers the header and section table, so check it before
  // trusting any field but the table length it needs.
  if (count == 0 || count > kMaxSections)
    return fail("section count " + std::to_string(count) +
                " is invalid (the header is corrupted)");
  size_t tableEnd = kHeaderBytes + count * kSectionEntryBytes;
  if (tableEnd > size)
    return fail("truncated: the section table runs past the end");
  std::vector<uint8_t> header(data, data + tableEnd);
  std::memset(header.data() + 24, 0, 8);
  if (fnv1a64(header.data(), header.size()) != headerSum)
    return fail("header checksum mismatch (the file is corrupted)");
  if (version > kArtifactFormatVersion)
    return fail("format version " + std::to_string(version) +
                " is newer than this runtime reads (" +
                std::to_string(kArtifactFormatVersion) +
                "); update the runtime or recompile with a matching kilnc");
  if (version == 0)
    return fail("format version 0 is invalid");
  if (fileSize != size)
    return fail((fileSize > size ? "truncated: " : "") +
                std::string("the header records ") + std::to_string(fileSize) +
                " bytes but the file has " + std::to_string(size));

  std::map<uint32_t, Section> sections;
  for (uint32_t i = 0; i < count; ++i) {
    const uint8_t *e = data + kHeaderBytes + i * kSectionEntryBytes;
    Section s{readU32(e), readU64(e + 8), readU64(e + 16), readU64(e + 24)};
    std::string name = "section " + std::to_string(i);
    if (s.kind < Manifest_ || s.kind > Weights || sections.count(s.kind))
      return fail(name + " has unknown or repeated kind " +
                  std::to_string(s.kind));
    if (s.offset < tableEnd || s.offset > size || s.size > size - s.offset)
      return fail(name + " [" + std::to_string(s.offset) + ", +" +
                  std::to_string(s.size) + "] lies outside the file");
    if (fnv1a64(data + s.offset, s.size) != s.checksum)
      return fail(name + " checksum mismatch (the file is corrupted)");
    sections[s.kind] = s;
  }
  if (!sections.count(Manifest_) || !sections.count(Blob))
    return fail("the manifest or kernel section is missing");

  Artifact artifact;
  const Section &ms = sections[Manifest_];
  Expected<Manifest> manifest = manifestFromJson(std::string(
      reinterpret_cast<const char *>(data + ms.offset), ms.size));
  if (!manifest)
    return fail(manifest.error().message());
  artifact.manifest = std::move(*manifest);
  const Section &bs = sections[Blob];
  artifact.blob.assign(data + bs.offset, data + bs.offset + bs.size);
  if (sections.count(Weights)) {
    if (!artifact.manifest.weightsFile.empty())
      return fail("the weights are both embedded and external ('" +
                  artifact.manifest.weightsFile + "')");
    const Section &ws = sections[Weights];
    Expected<TensorFile> weights =
        parseSafetensors(data + ws.offset, ws.size, "embedded weights");
    if (!weights)
      return fail(weights.error().message());
    artifact.weights = std::move(*weights);
  }
  if (Status s = artifact.validate(); !s)
    return fail(s.error().message());
  return artifact;
}

Expected<Artifact> Artifact::load(const std::string &path) {
  Expected<std::vector<uint8_t>> bytes = readFile(path);
  if (!bytes)
    return bytes.error();
  Expected<Artifact> artifact = parse(bytes->data(), bytes->size(), path);
  if (!artifact || artifact->manifest.weightsFile.empty())
    return artifact;
  // External weights live beside the artifact unless the path is absolute.
  std::string file = artifact->manifest.weightsFile;
  if (file[0] != '/') {
    size_t slash = path.rfind('/');
    file = (slash == std::string::npos ? "" : path.substr(0, slash + 1)) + file;
  }
  Expected<TensorFile> weights = readSafetensors(file);
  if (!weights)
    return weights.error().withContext(path + ": external weights");
  for (const WeightInfo &w : artifact->manifest.weights) {
    const HostTensor *t = weights->find(w.name);
    if (!t || t->dtype != w.dtype || t->shape != w.shape)
      return Error(path + ": external weights " + file + ": weight '" + w.name +
                   "' (" + dtypeName(w.dtype) + formatShape(w.shape) +
                   ") is missing or differs" +
                   (t ? " (" + t->describe() + ")" : std::string()));
  }
  artifact->weights = std::move(*weights);
  return artifact;
}

Expected<std::vector<uint8_t>> Artifact::serialize() const {
  if (Status s = validate(); !s)
    return s.error();
  std::string manifestText = manifestToJson(manifest);
  std::vector<std::pair<uint32_t, std::vector<uint8_t>>> parts;
  parts.emplace_back(Manifest_, std::vector<uint8_t>(manifestText.begin(),
                                                     manifestText.end()));
  parts.emplace_back(Blob, blob);
  if (manifest.weightsFile.empty()) {
    Expected<std::vector<uint8_t>> w = serializeSafetensors(weights);
    if (!w)
      return w.error();
    parts.emplace_back(Weights, std::move(*w));
  }
  size_t tableEnd = kHeaderBytes + parts.size() * kSectionEntryBytes;
  std::vector<uint8_t> out(tableEnd, 0);
  std::memcpy(out.data(), kMagic, 8);
  putU32(out, 8, kArtifactFormatVersion);
  putU32(out, 12, static_cast<uint32_t>(parts.size()));
  for (size_t i = 0; i < parts.size(); ++i) {
    out.resize((out.size() + kAlign - 1) / kAlign * kAlign, 0);
    size_t entry = kHeaderBytes + i * kSectionEntryBytes;
    putU32(out, entry, parts[i].first);
    putU64(out, entry + 8, out.size());
    putU64(out, entry + 16, parts[i].second.size());
    putU64(out, entry + 24,
           fnv1a64(parts[i].second.data(), parts[i].second.size()));
    out.insert(out.end(), parts[i].second.begin(), parts[i].second.end());
  }
  putU64(out, 16, out.size());
  putU64(out, 24, fnv1a64(out.data(), tableEnd));
  return out;
}

Status Artifact::write(const std::string &path) const {
  Expected<std::vector<uint8_t>> bytes = serialize();
  if (!bytes)
    return bytes.error().withContext(path);
  return writeFileAtomically(path, bytes->data(), bytes->size());
}

} // namespace kiln::rt
