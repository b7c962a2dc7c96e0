//===- DiffusionTest.cpp - the Würstchen scheduler against diffusers ------===//
//
// test/golden/models/stable_cascade/scheduler.safetensors holds diffusers'
// own numbers (gen_stable_cascade.py): timesteps and ᾱ tables, a chain of
// steps with recorded predictions and noise, and torch.lerp guidance.
//
//===----------------------------------------------------------------------===//

#include "kiln/Runtime/Diffusion.h"
#include "kiln/Runtime/Safetensors.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

using namespace kiln::rt;

namespace {

const TensorFile &golden() {
  static const TensorFile file = [] {
    Expected<TensorFile> f =
        readSafetensors(KILN_TEST_GOLDEN_DIR "/stable_cascade/scheduler.safetensors");
    EXPECT_TRUE(f) << (f ? "" : f.error().message());
    return f ? *f : TensorFile{};
  }();
  return file;
}

const HostTensor &tensor(const std::string &name) {
  const HostTensor *t = golden().find(name);
  EXPECT_NE(t, nullptr) << name;
  static const HostTensor empty;
  return t ? *t : empty;
}

/// Largest |a − b| relative to max(|b|, 1).
double worst(const HostTensor &a, const HostTensor &b) {
  EXPECT_EQ(a.shape, b.shape);
  double w = 0;
  for (int64_t i = 0; i < std::min(a.numElements(), b.numElements()); ++i)
    w = std::max(w, std::fabs(a.getAsDouble(i) - b.getAsDouble(i)) /
                        std::max(std::fabs(b.getAsDouble(i)), 1.0));
  return w;
}

/// Distance in units in the last place of two finite floats of one sign.
int64_t ulps(float a, float b) {
  int32_t x, y;
  std::memcpy(&x, &a, 4);
  std::memcpy(&y, &b, 4);
  return std::abs(int64_t(x) - int64_t(y));
}

TEST(WuerstchenSchedulerTest, TimestepsAreTorchLinspace) {
  WuerstchenScheduler s;
  for (int steps : {20, 10, 3}) {
    const HostTensor &want = tensor("timesteps." + std::to_string(steps));
    std::vector<float> got = s.timesteps(steps);
    ASSERT_EQ(int64_t(got.size()), want.numElements());
    for (size_t i = 0; i < got.size(); ++i)
      EXPECT_LE(ulps(got[i], float(want.getAsDouble(int64_t(i)))), 1)
          << steps << " steps, #" << i;
    EXPECT_EQ(got.front(), 1.0f);
    EXPECT_EQ(got.back(), 0.0f);
  }
}

TEST(WuerstchenSchedulerTest, AlphaCumprodMatchesDiffusers) {
  auto check = [](const WuerstchenScheduler &s, int steps, const std::string &name) {
    const HostTensor &want = tensor(name);
    std::vector<float> t = s.timesteps(steps);
    ASSERT_EQ(int64_t(t.size()), want.numElements());
    for (size_t i = 0; i < t.size(); ++i)
      EXPECT_NEAR(s.alphaCumprod(t[i]), want.getAsDouble(int64_t(i)), 2e-7)
          << name << " at t = " << t[i];
  };
  check(WuerstchenScheduler(), 20, "alpha_cumprod.20");
  check(WuerstchenScheduler(), 3, "alpha_cumprod.3");
  check(WuerstchenScheduler(0.008, 2.0), 10, "alpha_cumprod.10.scaler2");
  check(WuerstchenScheduler(0.008, 0.5), 10, "alpha_cumprod.10.scaler0.5");
  // The clamp: ᾱ(0) would be 1, ᾱ(1) ~0.
  EXPECT_FLOAT_EQ(WuerstchenScheduler().alphaCumprod(0.0f), 0.9999f);
  EXPECT_FLOAT_EQ(WuerstchenScheduler().alphaCumprod(1.0f), 1e-4f);
}

TEST(WuerstchenSchedulerTest, StepChainMatchesDiffusers) {
  WuerstchenScheduler s;
  std::vector<float> t = s.timesteps(4);
  HostTensor x = tensor("chain.sample");
  for (int i = 0; i + 1 < int(t.size()); ++i) {
    Status st = s.step(tensor("chain.eps." + std::to_string(i)), t[i], t[i + 1],
                       tensor("chain.noise." + std::to_string(i)), x);
    ASSERT_TRUE(st) << st.error().message();
  }
  EXPECT_LT(worst(x, tensor("chain.result")), 1e-5);
}

TEST(WuerstchenSchedulerTest, StepRefusesMismatchedTensors) {
  WuerstchenScheduler s;
  HostTensor x = HostTensor::zeros(DType::F32, {1, 2});
  HostTensor eps = HostTensor::zeros(DType::F32, {1, 3});
  Status st = s.step(eps, 1.0f, 0.5f, x, x);
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().message(),
            "scheduler step: the prediction F32[1, 3] does not match the sample F32[1, 2]");
  // Noise is needed only when the step does not end at t = 0.
  EXPECT_TRUE(s.step(x, 0.5f, 0.0f, HostTensor{}, x));
  st = s.step(x, 1.0f, 0.5f, HostTensor{}, x);
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().message(),
            "scheduler step: the noise F32[] does not match the sample F32[1, 2]");
}

TEST(GuidanceTest, MatchesTorchLerp) {
  for (double w : {4.0, 0.25}) {
    char name[32];
    std::snprintf(name, sizeof name, "guidance.%g", w);
    Expected<HostTensor> g = classifierFreeGuidance(tensor("guidance.batch"), w);
    ASSERT_TRUE(g) << g.error().message();
    EXPECT_EQ(worst(*g, tensor(name)), 0.0) << name;
  }
  Expected<HostTensor> odd = classifierFreeGuidance(HostTensor::zeros(DType::F32, {3, 2}), 2);
  ASSERT_FALSE(odd);
  EXPECT_NE(odd.error().message().find("got F32[3, 2]"), std::string::npos);
}

TEST(GuidanceTest, RepeatBatchStacksCopies) {
  HostTensor t = HostTensor::zeros(DType::F32, {1, 2});
  t.setFromDouble(0, 1.5);
  t.setFromDouble(1, -2);
  HostTensor r = repeatBatch(t, 2);
  ASSERT_EQ(r.shape, (std::vector<int64_t>{2, 2}));
  EXPECT_EQ(r.getAsDouble(2), 1.5);
  EXPECT_EQ(r.getAsDouble(3), -2);
}

TEST(GaussianNoiseTest, SeededStreamIsNormal) {
  GaussianNoise a(7), b(7), c(8);
  HostTensor x = a.sample({100000});
  EXPECT_EQ(x.bytes, b.sample({100000}).bytes);
  EXPECT_NE(x.bytes, c.sample({100000}).bytes);
  double sum = 0, squares = 0;
  for (int64_t i = 0; i < x.numElements(); ++i) {
    sum += x.getAsDouble(i);
    squares += x.getAsDouble(i) * x.getAsDouble(i);
  }
  double mean = sum / 1e5, var = squares / 1e5 - mean * mean;
  // Standard errors: 1/√n ≈ 0.003 for the mean, √(2/n) ≈ 0.0045 for the
  // variance; five of them.
  EXPECT_NEAR(mean, 0.0, 0.016);
  EXPECT_NEAR(var, 1.0, 0.023);
}

} // namespace
