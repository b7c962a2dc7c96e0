//===- Safetensors.h - read and write safetensors files -------------------===//
//
// The tensor file format of the ML ecosystem: an 8-byte little-endian header
// length, a JSON header {name: {dtype, shape, data_offsets}, "__metadata__":
// {..}}, then the data. Reading checks everything a corrupt or hostile file
// could get wrong (truncation, sizes and offsets that lie, overlapping
// tensors, unknown dtypes) and names the file and the tensor in the error.
// Writing is atomic: the file appears whole or not at all.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_RUNTIME_SAFETENSORS_H
#define KILN_RUNTIME_SAFETENSORS_H

#include "kiln/Runtime/Error.h"
#include "kiln/Runtime/Tensor.h"

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace kiln::rt {

/// The tensors of a safetensors file, in file order, and its metadata.
struct TensorFile {
  std::vector<std::pair<std::string, HostTensor>> tensors;
  std::map<std::string, std::string> metadata;

  /// The tensor called `name`, or nullptr.
  const HostTensor *find(const std::string &name) const;
  /// Names in file order.
  std::vector<std::string> names() const;
};

/// Largest JSON header accepted (the format's own reference limit).
constexpr uint64_t kMaxSafetensorsHeaderBytes = 100u << 20;

/// Parses safetensors bytes; `displayName` prefixes error messages.
Expected<TensorFile> parseSafetensors(const uint8_t *data, size_t size,
                                      const std::string &displayName);

/// Reads and parses a file.
Expected<TensorFile> readSafetensors(const std::string &path);

/// Serializes tensors (in the given order) with optional metadata.
Expected<std::vector<uint8_t>> serializeSafetensors(const TensorFile &file);

/// Writes atomically: a temporary file beside `path`, then rename. On any
/// error nothing is left at `path` or beside it.
Status writeSafetensors(const std::string &path, const TensorFile &file);

} // namespace kiln::rt

#endif // KILN_RUNTIME_SAFETENSORS_H
