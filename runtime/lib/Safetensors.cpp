//===- Safetensors.cpp - read and write safetensors files -----------------===//
//
// Parsing never trusts the file: every size and offset is checked against
// the bytes actually present before anything is copied, and JSON is parsed
// without exceptions. Writing goes through a temporary file and a rename.
//
//===----------------------------------------------------------------------===//

#include "kiln/Runtime/Safetensors.h"

#include "kiln/Runtime/Files.h"

#include <nlohmann/json.hpp>

#include <set>

#include <algorithm>

namespace kiln::rt {

const HostTensor *TensorFile::find(const std::string &name) const {
  for (const auto &[n, t] : tensors)
    if (n == name)
      return &t;
  return nullptr;
}

std::vector<std::string> TensorFile::names() const {
  std::vector<std::string> result;
  for (const auto &entry : tensors)
    result.push_back(entry.first);
  return result;
}

namespace {

using json = nlohmann::json;

/// One header entry, checked, before its bytes are copied.
struct Entry {
  std::string name;
  DType dtype;
  std::vector<int64_t> shape;
  uint64_t begin, end;
};

Expected<uint64_t> unsignedField(const json &value, const std::string &what) {
  if (!value.is_number_unsigned())
    return Error(what + " must be a non-negative integer, got " +
                 value.dump());
  return value.get<uint64_t>();
}

Expected<Entry> parseEntry(const std::string &name, const json &value,
                           uint64_t bufferSize) {
  auto fail = [&](const std::string &msg) {
    return Error("tensor '" + name + "': " + msg);
  };
  if (!value.is_object())
    return fail("header entry must be an object, got " + value.dump());
  auto dtypeIt = value.find("dtype");
  auto shapeIt = value.find("shape");
  auto offsetsIt = value.find("data_offsets");
  if (dtypeIt == value.end() || shapeIt == value.end() ||
      offsetsIt == value.end())
    return fail("header entry needs \"dtype\", \"shape\" and "
                "\"data_offsets\", got " + value.dump());
  if (!dtypeIt->is_string())
    return fail("dtype must be a string, got " + dtypeIt->dump());
  Expected<DType> dtype = parseDType(dtypeIt->get<std::string>());
  if (!dtype)
    return fail(dtype.error().message());

  Entry entry{name, *dtype, {}, 0, 0};
  if (!shapeIt->is_array())
    return fail("shape must be an array, got " + shapeIt->dump());
  for (const json &dim : *shapeIt) {
    Expected<uint64_t> d = unsignedField(dim, "shape entries");
    if (!d)
      return fail(d.error().message());
    if (*d > static_cast<uint64_t>(INT64_MAX))
      return fail("dimension " + std::to_string(*d) + " is too large");
    entry.shape.push_back(static_cast<int64_t>(*d));
  }
  Expected<int64_t> count = elementCount(entry.shape);
  if (!count)
    return fail(count.error().message());

  if (!offsetsIt->is_array() || offsetsIt->size() != 2)
    return fail("data_offsets must be [begin, end], got " +
                offsetsIt->dump());
  Expected<uint64_t> begin = unsignedField((*offsetsIt)[0], "data_offsets");
  Expected<uint64_t> end = unsignedField((*offsetsIt)[1], "data_offsets");
  if (!begin)
    return fail(begin.error().message());
  if (!end)
    return fail(end.error().message());
  entry.begin = *begin;
  entry.end = *end;
  std::string offsets = "data_offsets [" + std::to_string(*begin) + ", " +
                        std::to_string(*end) + "]";
  if (*begin > *end)
    return fail(offsets + " end before they begin");
  if (*end > bufferSize)
    return fail(offsets + " exceed the " + std::to_string(bufferSize) +
                "-byte data section (file truncated?)");
  uint64_t elementSize = dtypeSize(*dtype);
  uint64_t expected = static_cast<uint64_t>(*count);
  if (expected != 0 && elementSize > UINT64_MAX / expected)
    return fail("byte size of shape " + formatShape(entry.shape) +
                " overflows");
  expected *= elementSize;
  if (*end - *begin != expected)
    return fail(offsets + " hold " + std::to_string(*end - *begin) +
                " bytes but " + dtypeName(*dtype) + formatShape(entry.shape) +
                " needs " + std::to_string(expected));
  return entry;
}

} // namespace

Expected<TensorFile> parseSafetensors(const uint8_t *data, size_t size,
                                      const std::string &displayName) {
  auto fail = [&](const std::string &msg) {
    return Error(displayName + ": " + msg);
  };
  if (size < 8)
    return fail("truncated: " + std::to_string(size) +
                " bytes, too short for the 8-byte header length");
  uint64_t headerSize = 0;
  for (int i = 7; i >= 0; --i)
    headerSize = (headerSize << 8) | data[i];
  if (headerSize > kMaxSafetensorsHeaderBytes)
    return fail("header length " + std::to_string(headerSize) +
                " exceeds the " + std::to_string(kMaxSafetensorsHeaderBytes) +
                "-byte limit (not a safetensors file?)");
  if (headerSize > size - 8)
    return fail("truncated: the header needs " + std::to_string(headerSize) +
                " bytes but only " + std::to_string(size - 8) + " follow");

  // The format pads the header with spaces; anything else after the JSON
  // (NULs, say) is not a safetensors file.
  for (uint64_t i = 0; i < headerSize; ++i)
    if (data[8 + i] == 0)
      return fail("the header holds a NUL byte at offset " +
                  std::to_string(8 + i) + " (padding must be spaces)");
  // Duplicate tensor names would let the last one win silently: the
  // parser's callback sees every key of the top-level object.
  std::set<std::string> seen;
  std::string duplicate;
  json::parser_callback_t keys = [&](int depth, json::parse_event_t event,
                                     json &parsed) {
    if (event == json::parse_event_t::key && depth == 1 &&
        !seen.insert(parsed.get<std::string>()).second && duplicate.empty())
      duplicate = parsed.get<std::string>();
    return true;
  };
  json header = json::parse(data + 8, data + 8 + headerSize, keys,
                            /*allow_exceptions=*/false);
  if (header.is_discarded())
    return fail("the header is not valid JSON");
  if (!duplicate.empty())
    return fail("the header names '" + duplicate + "' twice");
  if (!header.is_object())
    return fail("the header must be a JSON object, got " +
                std::string(header.type_name()));

  const uint8_t *buffer = data + 8 + headerSize;
  uint64_t bufferSize = size - 8 - headerSize;
  TensorFile file;
  std::vector<Entry> entries;
  for (const auto &[key, value] : header.items()) {
    if (key == "__metadata__") {
      if (!value.is_object())
        return fail("__metadata__ must be an object of strings");
      for (const auto &[mk, mv] : value.items()) {
        if (!mv.is_string())
          return fail("__metadata__ entry '" + mk + "' must be a string, got " +
                      mv.dump());
        file.metadata[mk] = mv.get<std::string>();
      }
      continue;
    }
    Expected<Entry> entry = parseEntry(key, value, bufferSize);
    if (!entry)
      return entry.error().withContext(displayName);
    entries.push_back(*entry);
  }

  // File order is data order; tensors must not share bytes, and they must
  // cover the data section exactly (no gaps, nothing after the last), as
  // the format requires. Empty tensors hold no bytes, so they overlap
  // nothing wherever their offsets point.
  std::stable_sort(entries.begin(), entries.end(),
                   [](const Entry &a, const Entry &b) {
                     return a.begin < b.begin;
                   });
  const Entry *previous = nullptr;
  uint64_t covered = 0;
  for (const Entry &e : entries) {
    if (e.begin == e.end)
      continue;
    if (previous && e.begin < previous->end)
      return fail("tensors '" + previous->name + "' and '" + e.name +
                  "' overlap in the data section");
    if (e.begin != covered)
      return fail("bytes [" + std::to_string(covered) + ", " +
                  std::to_string(e.begin) +
                  ") of the data section belong to no tensor (before '" +
                  e.name + "')");
    covered = e.end;
    previous = &e;
  }
  if (covered != bufferSize)
    return fail("the data section has " + std::to_string(bufferSize) +
                " bytes but its tensors cover " + std::to_string(covered) +
                " (trailing bytes after the last tensor)");

  for (const Entry &entry : entries) {
    HostTensor tensor;
    tensor.dtype = entry.dtype;
    tensor.shape = entry.shape;
    tensor.bytes.assign(buffer + entry.begin, buffer + entry.end);
    file.tensors.emplace_back(entry.name, std::move(tensor));
  }
  return file;
}

Expected<TensorFile> readSafetensors(const std::string &path) {
  Expected<std::vector<uint8_t>> bytes = readFile(path);
  if (!bytes)
    return bytes.error();
  return parseSafetensors(bytes->data(), bytes->size(), path);
}

Expected<std::vector<uint8_t>> serializeSafetensors(const TensorFile &file) {
  nlohmann::ordered_json header = nlohmann::ordered_json::object();
  if (!file.metadata.empty()) {
    nlohmann::ordered_json meta = nlohmann::ordered_json::object();
    for (const auto &[k, v] : file.metadata)
      meta[k] = v;
    header["__metadata__"] = meta;
  }
  uint64_t offset = 0;
  for (const auto &[name, tensor] : file.tensors) {
    if (name == "__metadata__" || name.empty())
      return Error("invalid tensor name '" + name + "'");
    if (header.contains(name))
      return Error("duplicate tensor name '" + name + "'");
    Expected<uint64_t> size = byteCount(tensor.dtype, tensor.shape);
    if (!size)
      return Error("tensor '" + name + "': " + size.error().message());
    uint64_t expected = *size;
    if (tensor.bytes.size() != expected)
      return Error("tensor '" + name + "' (" + tensor.describe() + ") has " +
                   std::to_string(tensor.bytes.size()) + " bytes, expected " +
                   std::to_string(expected));
    header[name] = {{"dtype", dtypeName(tensor.dtype)},
                    {"shape", tensor.shape},
                    {"data_offsets", {offset, offset + expected}}};
    offset += expected;
  }
  std::string text = header.dump();
  // Pad the header with spaces to a multiple of 8 so the data is aligned.
  text.append((8 - text.size() % 8) % 8, ' ');
  std::vector<uint8_t> out(8);
  uint64_t n = text.size();
  for (int i = 0; i < 8; ++i)
    out[i] = static_cast<uint8_t>(n >> (8 * i));
  out.insert(out.end(), text.begin(), text.end());
  for (const auto &entry : file.tensors)
    out.insert(out.end(), entry.second.bytes.begin(), entry.second.bytes.end());
  return out;
}

Status writeSafetensors(const std::string &path, const TensorFile &file) {
  Expected<std::vector<uint8_t>> bytes = serializeSafetensors(file);
  if (!bytes)
    return bytes.error().withContext(path);
  return writeFileAtomically(path, bytes->data(), bytes->size());
}

} // namespace kiln::rt
