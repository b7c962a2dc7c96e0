//===- Diffusion.cpp - the Würstchen scheduler and guidance ---------------===//
//
// The arithmetic follows diffusers' f32 tensor code operation by operation
// (f32 throughout, the same order), so a pipeline driven from C++ matches
// the Python one to rounding, not merely to the formula.
//
//===----------------------------------------------------------------------===//

#include "kiln/Runtime/Diffusion.h"

#include <cmath>
#include <cstring>

namespace kiln::rt {

namespace {

constexpr float kPi = 3.14159265358979323846f;

float *floats(HostTensor &t) { return reinterpret_cast<float *>(t.bytes.data()); }
const float *floats(const HostTensor &t) {
  return reinterpret_cast<const float *>(t.bytes.data());
}

} // namespace

float WuerstchenScheduler::alphaCumprod(float t) const {
  const float s = static_cast<float>(s_);
  const float scaler = static_cast<float>(scaler_);
  if (scaler_ > 1)
    t = 1.0f - std::pow(1.0f - t, scaler);
  else if (scaler_ < 1)
    t = std::pow(t, scaler);
  auto squaredCos = [&](float x) {
    float c = std::cos(x / (1.0f + s) * kPi * 0.5f);
    return c * c;
  };
  float a = squaredCos(t + s) / squaredCos(s);
  return std::fmin(std::fmax(a, 1e-4f), 0.9999f);
}

std::vector<float> WuerstchenScheduler::timesteps(int steps) const {
  // The f32 nearest 1 − i/steps. torch.linspace's vectorized f32 kernel
  // lands within one ulp of it (exactly on it for the usual 10 and 20).
  std::vector<float> t(static_cast<size_t>(steps) + 1);
  for (int i = 0; i <= steps; ++i)
    t[size_t(i)] = static_cast<float>(double(steps - i) / double(steps > 0 ? steps : 1));
  return t;
}

Status WuerstchenScheduler::step(const HostTensor &eps, float t, float prevT,
                                 const HostTensor &noise, HostTensor &sample) const {
  if (sample.dtype != DType::F32 || eps.dtype != DType::F32)
    return Error("scheduler step: the sample (" + sample.describe() + ") and the prediction (" +
                 eps.describe() + ") must be F32");
  if (eps.shape != sample.shape)
    return Error("scheduler step: the prediction " + eps.describe() +
                 " does not match the sample " + sample.describe());
  const bool noisy = prevT != 0.0f;
  if (noisy && (noise.dtype != DType::F32 || noise.shape != sample.shape))
    return Error("scheduler step: the noise " + noise.describe() +
                 " does not match the sample " + sample.describe());
  const float ac = alphaCumprod(t), acPrev = alphaCumprod(prevT);
  const float alpha = ac / acPrev;
  const float muScale = std::sqrt(1.0f / alpha);
  const float epsScale = std::sqrt(1.0f - ac);
  const float sigma = std::sqrt((1.0f - alpha) * (1.0f - acPrev) / (1.0f - ac));
  float *x = floats(sample);
  const float *e = floats(eps);
  const float *z = noisy ? floats(noise) : nullptr;
  for (int64_t i = 0, n = sample.numElements(); i < n; ++i) {
    float mu = muScale * (x[i] - (1.0f - alpha) * e[i] / epsScale);
    x[i] = noisy ? mu + sigma * z[i] : mu;
  }
  return Status::ok();
}

Expected<HostTensor> classifierFreeGuidance(const HostTensor &batched, double scale) {
  if (batched.dtype != DType::F32 || batched.shape.empty() || batched.shape[0] % 2 != 0)
    return Error("classifier-free guidance needs an F32 batch of conditioned then "
                 "unconditioned rows (an even first dimension), got " +
                 batched.describe());
  std::vector<int64_t> shape = batched.shape;
  shape[0] /= 2;
  HostTensor out = HostTensor::zeros(DType::F32, shape);
  const int64_t n = out.numElements();
  const float *cond = floats(batched), *uncond = cond + n;
  const float w = static_cast<float>(scale);
  float *o = floats(out);
  // torch.lerp(start = uncond, end = cond, weight = w) on f32, fused as
  // its vectorized kernel does: for weights below ½ start + w·(end −
  // start), else end − (end − start)·(1 − w).
  for (int64_t i = 0; i < n; ++i) {
    float diff = cond[i] - uncond[i];
    o[i] = std::fabs(w) < 0.5f ? std::fma(w, diff, uncond[i])
                               : std::fma(-diff, 1.0f - w, cond[i]);
  }
  return out;
}

HostTensor repeatBatch(const HostTensor &t, int64_t n) {
  HostTensor out = t;
  if (!out.shape.empty())
    out.shape[0] *= n;
  out.bytes.resize(t.bytes.size() * static_cast<size_t>(n));
  for (int64_t i = 1; i < n; ++i)
    std::memcpy(out.bytes.data() + t.bytes.size() * size_t(i), t.bytes.data(), t.bytes.size());
  return out;
}

HostTensor GaussianNoise::sample(const std::vector<int64_t> &shape) {
  HostTensor out = HostTensor::zeros(DType::F32, shape);
  float *o = floats(out);
  constexpr double kTwoPi = 6.283185307179586476925;
  for (int64_t i = 0, n = out.numElements(); i < n; ++i) {
    // u1 in (0, 1] (so the log is finite), u2 in [0, 1): 53-bit doubles.
    double u1 = (double(engine_() >> 11) + 1.0) * 0x1.0p-53;
    double u2 = double(engine_() >> 11) * 0x1.0p-53;
    o[i] = static_cast<float>(std::sqrt(-2.0 * std::log(u1)) * std::cos(kTwoPi * u2));
  }
  return out;
}

} // namespace kiln::rt
