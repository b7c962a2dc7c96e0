//===- ArtifactFuzzer.cpp - libFuzzer target for the .kiln reader ---------===//
//
// Arbitrary bytes into Artifact::parse: no crash, no sanitizer report, and
// an artifact that parses must serialize back to the same bytes. Run:
//   mkdir -p /tmp/kiln-artifact-corpus && ./build-asan/bin/kiln-fuzz-artifact \
//       -max_total_time=60 /tmp/kiln-artifact-corpus test/fuzz/corpus/artifact
//
//===----------------------------------------------------------------------===//

#include "kiln/Runtime/Artifact.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  using namespace kiln::rt;
  Expected<Artifact> artifact = Artifact::parse(data, size, "fuzz-input");
  if (!artifact)
    return 0;
  Expected<std::vector<uint8_t>> bytes = artifact->serialize();
  if (!bytes)
    std::abort(); // a valid artifact must serialize
  Expected<Artifact> back = Artifact::parse(bytes->data(), bytes->size(), "rt");
  if (!back)
    std::abort();
  Expected<std::vector<uint8_t>> again = back->serialize();
  if (!again || *again != *bytes)
    std::abort();
  return 0;
}
