//===- mamba_generate.cpp - text generation with a compiled Mamba ---------===//
//
// Runtime only: loads a .kiln built by
//   kilnc compile --model mamba --config config.json --weights model.safetensors
//       --seq-len <prompt length> -o mamba.kiln
// runs its `prefill` entry on the prompt's token ids, then its `decode` entry
// once per new token, feeding the conv and SSM states back (the decode
// session keeps them in device buffers it updates in place; here they also
// come back as outputs). Greedy by default, top-k sampling with --top-k.
//
// usage: kiln-mamba-generate MODEL.kiln --prompt 3,14,15,92 [--tokens N]
//            [--top-k K] [--seed S] [--device cpu|cuda]
//
//===----------------------------------------------------------------------===//

#include "kiln/Runtime/Session.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>
#include <vector>

namespace rt = kiln::rt;

namespace {

int fail(const std::string &message) {
  std::fprintf(stderr, "kiln-mamba-generate: error: %s\n", message.c_str());
  return 1;
}

/// The next token from the last row of logits [1, L, V].
int64_t pick(const rt::HostTensor &logits, int topK, std::mt19937_64 &rng) {
  int64_t vocab = logits.shape.back();
  int64_t row = logits.numElements() / vocab - 1;
  std::vector<std::pair<double, int64_t>> scores;
  for (int64_t v = 0; v < vocab; ++v)
    scores.push_back({logits.getAsDouble(row * vocab + v), v});
  if (topK <= 1)
    return std::max_element(scores.begin(), scores.end())->second;
  int64_t k = std::min<int64_t>(topK, vocab);
  std::partial_sort(scores.begin(), scores.begin() + k, scores.end(),
                    [](auto &a, auto &b) { return a.first > b.first; });
  // Softmax over the k best, then one draw.
  std::vector<double> p(k);
  for (int64_t i = 0; i < k; ++i)
    p[i] = std::exp(scores[i].first - scores[0].first);
  std::discrete_distribution<int64_t> draw(p.begin(), p.end());
  return scores[draw(rng)].second;
}

rt::HostTensor ids(const std::vector<int64_t> &tokens) {
  rt::HostTensor t = rt::HostTensor::zeros(
      rt::DType::I64, {1, static_cast<int64_t>(tokens.size())});
  for (size_t i = 0; i < tokens.size(); ++i)
    t.setFromDouble(static_cast<int64_t>(i), static_cast<double>(tokens[i]));
  return t;
}

} // namespace

int main(int argc, char **argv) {
  std::string model, prompt, deviceName = "cpu";
  int tokens = 16, topK = 0;
  uint64_t seed = 0;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string {
      return i + 1 < argc ? argv[++i] : "";
    };
    if (a == "--prompt")
      prompt = value();
    else if (a == "--tokens")
      tokens = std::atoi(value().c_str());
    else if (a == "--top-k")
      topK = std::atoi(value().c_str());
    else if (a == "--seed")
      seed = std::strtoull(value().c_str(), nullptr, 10);
    else if (a == "--device")
      deviceName = value();
    else if (a.rfind("-", 0) == 0)
      return fail("unknown option '" + a + "'");
    else
      model = a;
  }
  if (model.empty() || prompt.empty() || tokens < 0)
    return fail("usage: kiln-mamba-generate MODEL.kiln --prompt 3,14,15 "
                "[--tokens N] [--top-k K] [--seed S] [--device cpu|cuda]");
  std::vector<int64_t> promptIds;
  for (size_t at = 0; at < prompt.size();) {
    size_t comma = prompt.find(',', at);
    std::string t = prompt.substr(at, comma == std::string::npos ? std::string::npos
                                                                 : comma - at);
    if (t.empty() || t.find_first_not_of("0123456789") != std::string::npos)
      return fail("--prompt takes comma-separated token ids, got '" + prompt + "'");
    promptIds.push_back(std::stoll(t));
    at = comma == std::string::npos ? prompt.size() : comma + 1;
  }

  rt::Expected<rt::Model> loaded = rt::Model::load(model);
  if (!loaded)
    return fail(loaded.error().message());
  rt::Expected<std::shared_ptr<rt::Device>> device = rt::Device::open(deviceName);
  if (!device)
    return fail(device.error().message());
  rt::Expected<rt::Session> prefill = loaded->createSession(*device, "prefill");
  rt::Expected<rt::Session> decode = loaded->createSession(*device, "decode");
  if (!prefill || !decode)
    return fail((!prefill ? prefill.error() : decode.error()).message());

  rt::TensorFile in;
  in.tensors.push_back({"input_ids", ids(promptIds)});
  auto start = std::chrono::steady_clock::now();
  rt::Expected<rt::TensorFile> out = prefill->run(in);
  if (!out)
    return fail("prefill: " + out.error().message() +
                " (the artifact's prefill takes the prompt length it was "
                "compiled for: kilnc compile --seq-len)");
  double prefillSeconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::mt19937_64 rng(seed);
  std::vector<int64_t> generated;
  start = std::chrono::steady_clock::now();
  for (int step = 0; step < tokens; ++step) {
    int64_t next = pick(*out->find("logits"), topK, rng);
    generated.push_back(next);
    if (step + 1 == tokens)
      break;
    // The next step's inputs: the new token and every state output.
    rt::TensorFile stepIn;
    stepIn.tensors.push_back({"input_ids", ids({next})});
    for (auto &[name, t] : out->tensors)
      if (name != "logits")
        stepIn.tensors.push_back({name, std::move(t)});
    out = decode->run(stepIn);
    if (!out)
      return fail("decode: " + out.error().message());
  }
  double decodeSeconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("prompt:");
  for (int64_t t : promptIds)
    std::printf(" %lld", static_cast<long long>(t));
  std::printf("\ngenerated:");
  for (int64_t t : generated)
    std::printf(" %lld", static_cast<long long>(t));
  std::printf("\nprefill %zu tokens in %.3f s; %d decode steps, %.1f tokens/s on %s\n",
              promptIds.size(), prefillSeconds, std::max(tokens - 1, 0),
              tokens > 1 ? (tokens - 1) / decodeSeconds : 0.0,
              (*device)->describe().c_str());
  return 0;
}
