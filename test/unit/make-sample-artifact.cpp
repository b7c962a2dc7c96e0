//===- make-sample-artifact.cpp - writes the sample artifact for lit tests ===//
//
//   make-sample-artifact DIR   → DIR/sample.kiln, DIR/in.safetensors,
//                                DIR/expected.safetensors
//
//===----------------------------------------------------------------------===//

#include "SampleArtifact.h"

#include "kiln/Runtime/Safetensors.h"

#include <cstdio>
#include <string>

int main(int argc, char **argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: make-sample-artifact DIR\n");
    return 2;
  }
  std::string dir = argv[1];
  kiln::rt::Status s = kiln::test::sampleArtifact().write(dir + "/sample.kiln");
  if (s)
    s = kiln::rt::writeSafetensors(dir + "/in.safetensors",
                                   kiln::test::sampleInputs());
  if (s)
    s = kiln::rt::writeSafetensors(dir + "/expected.safetensors",
                                   kiln::test::sampleExpected());
  if (!s) {
    std::fprintf(stderr, "make-sample-artifact: %s\n", s.error().message().c_str());
    return 1;
  }
  return 0;
}
