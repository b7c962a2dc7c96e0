//===- ConfigFuzzer.cpp - libFuzzer target for the model config readers ---===//
//
// Feeds arbitrary bytes, as a config.json, to every frontend's config reader
// (what `kilnc --model NAME --config FILE` reads first): the JSON parser, the
// typed getters and each model's cross-key checks. Errors are expected; any
// crash, sanitizer report or leak is a finding. Run (asan preset, clang):
//   mkdir -p /tmp/kiln-config-corpus && ./build-asan/bin/kiln-fuzz-config \
//       -max_total_time=600 /tmp/kiln-config-corpus test/fuzz/corpus/config
//
//===----------------------------------------------------------------------===//

#include "kiln/Frontend/Models/AutoencoderKL.h"
#include "kiln/Frontend/Models/ClipText.h"
#include "kiln/Frontend/Models/Dinov2.h"
#include "kiln/Frontend/Models/Llama.h"
#include "kiln/Frontend/Models/Mamba.h"
#include "kiln/Frontend/Models/MlpVae.h"
#include "kiln/Frontend/Models/PaellaVQ.h"
#include "kiln/Frontend/Models/StableCascade.h"

#include <cstdio>
#include <cstdlib>
#include <string>

#include <unistd.h>

namespace {

/// The readers take a path: one file per fuzzing process, rewritten per
/// input and removed at exit.
const std::string &inputPath() {
  static const std::string path = [] {
    std::string p = "/tmp/kiln-fuzz-config." + std::to_string(::getpid()) + ".json";
    std::atexit([] { std::remove(inputPath().c_str()); });
    return p;
  }();
  return path;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  using namespace kiln::frontend;
  const std::string &path = inputPath();
  FILE *f = std::fopen(path.c_str(), "wb");
  if (!f)
    return 0;
  std::fwrite(data, 1, size, f);
  std::fclose(f);
  (void)readMambaConfig(path);
  (void)readLlamaConfig(path, -1);
  (void)readLlamaConfig(path, 7);
  (void)readDinov2Config(path);
  (void)readClipTextConfig(path);
  (void)readMlpVaeConfig(path);
  (void)readAutoencoderKLConfig(path);
  (void)readStableCascadeUNetConfig(path);
  (void)readPaellaVQConfig(path);
  return 0;
}
