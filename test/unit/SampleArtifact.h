//===- SampleArtifact.h - a hand-written .kiln artifact for tests ---------===//
//
// Two entries over three small CUDA kernels, written without the compiler:
//   main: y = 0.5·x + w (w an embedded weight), total = Σ y (shared-memory
//         tree reduction); x has kSampleN elements.
//   step: state += 1, the result tied to the input (in-place state).
// The known answers are closed forms (sampleExpected*), not runs.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_TEST_SAMPLEARTIFACT_H
#define KILN_TEST_SAMPLEARTIFACT_H

#include "kiln/Runtime/Artifact.h"

namespace kiln::test {

constexpr int kN = 300;

/// A float32 tensor with elements start + step·i.
rt::HostTensor f32(std::vector<int64_t> shape, float start, float step);

rt::Artifact sampleArtifact();

/// Inputs of `main` (x = -3 + 0.5·i) and its exact outputs.
rt::TensorFile sampleInputs();
rt::TensorFile sampleExpected();

} // namespace kiln::test

#endif // KILN_TEST_SAMPLEARTIFACT_H
