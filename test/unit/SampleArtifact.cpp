//===- SampleArtifact.cpp - a hand-written .kiln artifact for tests -------===//

#include "SampleArtifact.h"

#include <cstring>

using namespace kiln::rt;

namespace kiln::test {

namespace {
const char *kScaleAdd = R"cuda(
// y = alpha * x + w, one element per thread.
extern "C" __global__ void scale_add(const float *x, const float *w, float *y,
                                     float alpha, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n)
    y[i] = alpha * x[i] + w[i];
}
)cuda";

const char *kBlockSum = R"cuda(
// out[0] = sum of y through a shared-memory tree with barriers (one block).
extern "C" __global__ void block_sum(const float *y, float *out, int n) {
  __shared__ float partial[128];
  float acc = 0.f;
  for (int i = threadIdx.x; i < n; i += blockDim.x)
    acc += y[i];
  partial[threadIdx.x] = acc;
  __syncthreads();
  for (int stride = blockDim.x / 2; stride > 0; stride /= 2) {
    if (threadIdx.x < stride)
      partial[threadIdx.x] += partial[threadIdx.x + stride];
    __syncthreads();
  }
  if (threadIdx.x == 0)
    out[0] = partial[0];
}
)cuda";

const char *kIncrement = R"cuda(
// state += 1 in place (a tied result).
extern "C" __global__ void increment(float *state, long long n) {
  long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x;
  if (i < n)
    state[i] += 1.0f;
}
)cuda";

HostTensor f32Impl(std::vector<int64_t> shape, float start, float step) {
  HostTensor t = HostTensor::zeros(DType::F32, std::move(shape));
  for (int64_t i = 0; i < t.numElements(); ++i)
    t.setFromDouble(i, start + step * i);
  return t;
}

} // namespace

Artifact sampleArtifact() {
  Artifact a;
  Manifest &m = a.manifest;
  m.compilerVersion = "hand-written test artifact";
  auto kernel = [&](const char *name, const char *src,
                    std::vector<ParamKind> params) {
    KernelInfo k;
    k.name = name;
    k.source = a.appendBlob(src, std::strlen(src));
    k.params = std::move(params);
    m.kernels.push_back(k);
  };
  using P = ParamKind;
  kernel("scale_add", kScaleAdd, {P::Pointer, P::Pointer, P::Pointer, P::F32, P::I32});
  kernel("block_sum", kBlockSum, {P::Pointer, P::Pointer, P::I32});
  kernel("increment", kIncrement, {P::Pointer, P::I64});
  m.weights.push_back({"w", DType::F32, {kN}});
  a.weights.tensors.emplace_back("w", f32({kN}, 1.0f, 0.25f));

  EntryInfo main;
  main.name = "main";
  main.arenaBytes = 4096;
  main.buffers = {
      {BufferInfo::Kind::Input, 0, "", 0, 0},
      {BufferInfo::Kind::Weight, -1, "w", 0, 0},
      {BufferInfo::Kind::Arena, -1, "", 0, kN * 4},
      {BufferInfo::Kind::Arena, -1, "", 2048, 4},
  };
  main.inputs = {{"x", DType::F32, {kN}, 0, {}}};
  main.outputs = {{"y", DType::F32, {kN}, 2, {}}, {"total", DType::F32, {}, 3, {}}};
  LaunchInfo l1;
  l1.kernel = 0;
  l1.grid[0] = (kN + 127) / 128;
  l1.block[0] = 128;
  l1.args = {{P::Pointer, 0}, {P::Pointer, 1}, {P::Pointer, 2},
             {P::F32, -1, 0, 0.5f}, {P::I32, -1, kN}};
  LaunchInfo l2;
  l2.kernel = 1;
  l2.block[0] = 128;
  l2.args = {{P::Pointer, 2}, {P::Pointer, 3}, {P::I32, -1, kN}};
  main.launches = {l1, l2};
  m.entries.push_back(main);

  EntryInfo step;
  step.name = "step";
  step.buffers = {{BufferInfo::Kind::Input, 0, "", 0, 0}};
  step.inputs = {{"state", DType::F32, {4, 8}, 0, {}}};
  step.outputs = {{"state_out", DType::F32, {4, 8}, 0, 0}};
  LaunchInfo l3;
  l3.kernel = 2;
  l3.block[0] = 32;
  l3.args = {{P::Pointer, 0}, {P::I64, -1, 32}};
  step.launches = {l3};
  m.entries.push_back(step);
  return a;
}


HostTensor f32(std::vector<int64_t> shape, float start, float step) {
  return f32Impl(std::move(shape), start, step);
}

TensorFile sampleInputs() {
  TensorFile in;
  in.tensors.emplace_back("x", f32({kN}, -3.0f, 0.5f));
  return in;
}

TensorFile sampleExpected() {
  HostTensor y = HostTensor::zeros(DType::F32, {kN});
  HostTensor total = HostTensor::zeros(DType::F32, {});
  double sum = 0;
  for (int i = 0; i < kN; ++i) {
    double v = 0.5 * (-3.0 + 0.5 * i) + (1.0 + 0.25 * i); // exact in f32
    y.setFromDouble(i, v);
    sum += v; // multiples of 0.125 below 2^20: exact in f32 in any order
  }
  total.setFromDouble(0, sum);
  TensorFile out;
  out.tensors.emplace_back("y", std::move(y));
  out.tensors.emplace_back("total", std::move(total));
  return out;
}

} // namespace kiln::test
