//===- SafetensorsFuzzer.cpp - libFuzzer target for the safetensors reader ===//
//
// Feeds arbitrary bytes to parseSafetensors. Any crash, sanitizer report or
// leak is a finding; a file that parses must also survive a serialize →
// parse round trip with identical tensors. Run (asan preset, clang):
//   mkdir -p /tmp/kiln-corpus && ./build-asan/bin/kiln-fuzz-safetensors \
//       -max_total_time=60 /tmp/kiln-corpus test/fuzz/corpus/safetensors
//
//===----------------------------------------------------------------------===//

#include "kiln/Runtime/Safetensors.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  using namespace kiln::rt;
  Expected<TensorFile> file = parseSafetensors(data, size, "fuzz-input");
  if (!file)
    return 0;
  Expected<std::vector<uint8_t>> bytes = serializeSafetensors(*file);
  if (!bytes)
    return 0; // e.g. an empty tensor name, which the writer refuses
  Expected<TensorFile> back =
      parseSafetensors(bytes->data(), bytes->size(), "round-trip");
  if (!back || back->tensors.size() != file->tensors.size())
    std::abort();
  for (size_t i = 0; i < file->tensors.size(); ++i)
    if (back->tensors[i].first != file->tensors[i].first ||
        back->tensors[i].second.bytes != file->tensors[i].second.bytes ||
        back->tensors[i].second.shape != file->tensors[i].second.shape)
      std::abort();
  return 0;
}
