//===- Diffusion.h - denoising loops for applications ---------------------===//
//
// What a diffusion pipeline does between a compiled network's calls, written
// once so an application can drive any stage (Stable Cascade's stage C and
// stage B use all of it):
//
//   kiln::rt::WuerstchenScheduler scheduler;           // diffusers' defaults
//   std::vector<float> ts = scheduler.timesteps(20);   // 1, 0.95, …, 0
//   for (size_t i = 0; i + 1 < ts.size(); ++i) {
//     // run the network on [x; x] with [cond; uncond] → eps [2B, …]
//     auto guided = classifierFreeGuidance(eps, 4.0);   // → [B, …]
//     scheduler.step(*guided, ts[i], ts[i + 1], noise.sample(shape), x);
//   }
//
// Tensors are f32 on the host.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_RUNTIME_DIFFUSION_H
#define KILN_RUNTIME_DIFFUSION_H

#include "kiln/Runtime/Tensor.h"

#include <cstdint>
#include <random>
#include <vector>

namespace kiln::rt {

/// diffusers' DDPMWuerstchenScheduler: continuous time t ∈ [0, 1], cosine
/// ᾱ(t) = cos²((t + s)/(1 + s)·π/2) / cos²(s/(1 + s)·π/2) clamped to
/// [1e-4, 0.9999] (t first warped by `scaler`), ε-prediction DDPM steps.
class WuerstchenScheduler {
public:
  explicit WuerstchenScheduler(double s = 0.008, double scaler = 1.0)
      : s_(s), scaler_(scaler) {}

  /// ᾱ(t), in f32 arithmetic as diffusers computes it.
  float alphaCumprod(float t) const;
  /// linspace(1, 0, steps + 1): the f32 nearest each 1 − i/steps (torch's
  /// f32 linspace is within one ulp of it); a pipeline
  /// calls the network at every one but the last (each step goes from
  /// timesteps[i] to timesteps[i + 1]).
  std::vector<float> timesteps(int steps) const;
  /// One step of `sample` from t to prevT given the predicted noise `eps`:
  /// with a = ᾱ(t)/ᾱ(prevT), x ← (x − (1 − a)·eps/√(1 − ᾱ(t)))/√a
  /// + √((1 − a)(1 − ᾱ(prevT))/(1 − ᾱ(t)))·noise, the noise term dropped
  /// when prevT = 0. `noise` is N(0, 1) of the sample's shape (ignored, and
  /// may be empty, when prevT = 0). An error names a shape or type that
  /// does not match.
  Status step(const HostTensor &eps, float t, float prevT, const HostTensor &noise,
              HostTensor &sample) const;

private:
  double s_, scaler_;
};

/// Classifier-free guidance on a batch of predictions whose first half was
/// conditioned and second half not: ε_u + w·(ε_c − ε_u) (torch.lerp(ε_u,
/// ε_c, w)), one half's shape. An odd batch or a non-f32 tensor is an error.
Expected<HostTensor> classifierFreeGuidance(const HostTensor &batched, double scale);

/// The first `n` rows (along axis 0) of `t` repeated: [t; t] for n = 2, the
/// input a guided network call takes.
HostTensor repeatBatch(const HostTensor &t, int64_t n);

/// Seeded N(0, 1) noise, the same on every platform (64-bit Mersenne
/// Twister words through Box–Muller, not std::normal_distribution, whose
/// algorithm each standard library picks).
class GaussianNoise {
public:
  explicit GaussianNoise(uint64_t seed) : engine_(seed) {}
  /// An f32 tensor of `shape`, continuing the stream.
  HostTensor sample(const std::vector<int64_t> &shape);

private:
  std::mt19937_64 engine_;
};

} // namespace kiln::rt

#endif // KILN_RUNTIME_DIFFUSION_H
