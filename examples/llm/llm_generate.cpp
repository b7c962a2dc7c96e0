//===- llm_generate.cpp - text generation with a compiled Llama -----------===//
//
// Runtime only: loads a .kiln built by
//   kilnc compile --model llama --config config.json --weights model.safetensors
//       --seq-len L --cache-len S [--fastgen] [--pause-token-id ID] -o llama.kiln
// and generates from a prompt of token ids, or of text through a
// SentencePiece tokenizer.model:
//
//   1. the prompt (plus M <pause> tokens with --pause M) fills the KV cache:
//      its first L tokens through `prefill` — `prefill_fastgen` with
//      --fastgen T, which compresses each head's cache to the rows its policy
//      keeps — and any further ones through `decode`, one per step;
//   2. each new token is sampled from the last logits (greedy, or
//      temperature / top-k / top-p with a seed; the artifact already gives
//      <pause> a logit of −∞) and fed to `decode`, which appends it to the
//      cache. Outputs before the last pause are never sampled from.
//
// Prints the tokens (and text), tokens per second, and the KV bytes kept
// against the full cache.
//
//===----------------------------------------------------------------------===//

#include "kiln/Runtime/Session.h"

#ifdef KILN_HAVE_SENTENCEPIECE
#include <sentencepiece_processor.h>
#endif

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <numeric>
#include <random>
#include <set>
#include <string>
#include <vector>

namespace rt = kiln::rt;

namespace {

const char *kUsage =
    "usage: kiln-llm-generate MODEL.kiln (--prompt 1,15,27 | --text TEXT "
    "--tokenizer tokenizer.model)\n"
    "           [--tokens N] [--temperature T] [--top-k K] [--top-p P] [--seed S]\n"
    "           [--fastgen T [--special-ids 0,1] [--punct-ids 4,5]]\n"
    "           [--pause M --pause-id ID] [--device cpu|cuda]";

int fail(const std::string &message) {
  std::fprintf(stderr, "kiln-llm-generate: error: %s\n", message.c_str());
  return 1;
}

/// "3,14,15" → {3, 14, 15}; false on anything else.
bool parseIds(const std::string &text, std::vector<int64_t> &out) {
  for (size_t at = 0; at < text.size();) {
    size_t comma = text.find(',', at);
    std::string t = text.substr(at, comma == std::string::npos ? std::string::npos
                                                               : comma - at);
    if (t.empty() || t.size() > 12 || t.find_first_not_of("0123456789") != std::string::npos)
      return false;
    out.push_back(std::stoll(t));
    at = comma == std::string::npos ? text.size() : comma + 1;
  }
  return !text.empty();
}

struct Sampling {
  double temperature = 0, topP = 1;
  int topK = 0;
};

/// The next token from the last row of logits [1, T, V].
int64_t sample(const rt::HostTensor &logits, const Sampling &s, std::mt19937_64 &rng) {
  int64_t vocab = logits.shape.back();
  int64_t row = logits.numElements() / vocab - 1;
  std::vector<std::pair<double, int64_t>> scores;
  for (int64_t v = 0; v < vocab; ++v)
    scores.push_back({logits.getAsDouble(row * vocab + v), v});
  std::stable_sort(scores.begin(), scores.end(),
                   [](auto &a, auto &b) { return a.first > b.first; });
  if (s.temperature <= 0)
    return scores.front().second; // greedy: the lowest id among equals
  size_t keep = s.topK > 0 ? std::min<size_t>(s.topK, scores.size()) : scores.size();
  std::vector<double> p(keep);
  for (size_t i = 0; i < keep; ++i)
    p[i] = std::isinf(scores[i].first)
               ? 0.0
               : std::exp((scores[i].first - scores[0].first) / s.temperature);
  // Nucleus: the fewest best tokens whose probability reaches top-p.
  double total = std::accumulate(p.begin(), p.end(), 0.0), running = 0;
  for (size_t i = 0; i < keep; ++i) {
    running += p[i];
    if (running >= s.topP * total) {
      p.resize(i + 1);
      break;
    }
  }
  std::discrete_distribution<size_t> draw(p.begin(), p.end());
  return scores[draw(rng)].second;
}

rt::HostTensor i64Row(const std::vector<int64_t> &values) {
  rt::HostTensor t = rt::HostTensor::zeros(rt::DType::I64,
                                           {1, static_cast<int64_t>(values.size())});
  for (size_t i = 0; i < values.size(); ++i)
    t.setFromDouble(static_cast<int64_t>(i), static_cast<double>(values[i]));
  return t;
}

const rt::TensorInfo *findInput(const rt::EntryInfo &entry, const std::string &name) {
  for (const rt::TensorInfo &t : entry.inputs)
    if (t.name == name)
      return &t;
  return nullptr;
}

} // namespace

int main(int argc, char **argv) {
  std::string modelPath, promptText, text, tokenizerPath, deviceName = "cpu";
  std::string specialText, punctText;
  int tokens = 16, pauses = 0;
  int64_t pauseId = -1;
  double fastgen = -1;
  uint64_t seed = 0;
  Sampling sampling;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    bool hasValue = i + 1 < argc;
    auto value = [&]() -> std::string { return hasValue ? argv[++i] : ""; };
    auto number = [&](double &out) {
      std::string v = value();
      char *end = nullptr;
      out = std::strtod(v.c_str(), &end);
      return !v.empty() && end && *end == '\0' && std::isfinite(out);
    };
    double x = 0;
    if (a == "--prompt")
      promptText = value();
    else if (a == "--text")
      text = value();
    else if (a == "--tokenizer")
      tokenizerPath = value();
    else if (a == "--special-ids")
      specialText = value();
    else if (a == "--punct-ids")
      punctText = value();
    else if (a == "--device")
      deviceName = value();
    else if (a == "--tokens" || a == "--top-k" || a == "--pause" || a == "--pause-id" ||
             a == "--seed") {
      if (!number(x) || x < 0 || x != std::floor(x) || x > 1e9)
        return fail(a + " takes a non-negative integer");
      if (a == "--tokens")
        tokens = int(x);
      else if (a == "--top-k")
        sampling.topK = int(x);
      else if (a == "--pause")
        pauses = int(x);
      else if (a == "--pause-id")
        pauseId = int64_t(x);
      else
        seed = uint64_t(x);
    } else if (a == "--temperature" || a == "--top-p" || a == "--fastgen") {
      if (!number(x) || x < 0)
        return fail(a + " takes a non-negative number");
      if ((a == "--top-p" || a == "--fastgen") && x > 1)
        return fail(a + " must lie in [0, 1], got " + std::to_string(x));
      if (a == "--temperature")
        sampling.temperature = x;
      else if (a == "--top-p")
        sampling.topP = x;
      else
        fastgen = x;
    } else if (a.rfind("-", 0) == 0) {
      return fail("unknown option '" + a + "'\n" + kUsage);
    } else {
      modelPath = a;
    }
  }
  if (modelPath.empty() || promptText.empty() == text.empty())
    return fail(std::string("give a model and one of --prompt or --text\n") + kUsage);
  if (pauses > 0 && pauseId < 0)
    return fail("--pause needs --pause-id (the id the artifact was compiled with: "
                "kilnc compile --pause-token-id)");

  // The prompt's token ids.
  std::vector<int64_t> prompt;
#ifdef KILN_HAVE_SENTENCEPIECE
  sentencepiece::SentencePieceProcessor tokenizer;
#endif
  bool haveTokenizer = false;
  if (!text.empty()) {
    if (tokenizerPath.empty())
      return fail("--text needs --tokenizer tokenizer.model (a SentencePiece model)");
#ifdef KILN_HAVE_SENTENCEPIECE
    if (auto status = tokenizer.Load(tokenizerPath); !status.ok())
      return fail("cannot load the tokenizer '" + tokenizerPath + "': " + status.ToString());
    std::vector<int> pieces;
    if (auto status = tokenizer.Encode(text, &pieces); !status.ok())
      return fail("cannot tokenize --text: " + status.ToString());
    if (tokenizer.bos_id() >= 0)
      prompt.push_back(tokenizer.bos_id());
    prompt.insert(prompt.end(), pieces.begin(), pieces.end());
    haveTokenizer = true;
#else
    return fail("this build has no SentencePiece (install libsentencepiece-dev and "
                "rebuild); give token ids with --prompt");
#endif
  } else if (!parseIds(promptText, prompt)) {
    return fail("--prompt takes comma-separated token ids, got '" + promptText + "'");
  }
  for (int i = 0; i < pauses; ++i)
    prompt.push_back(pauseId);
  int64_t promptLen = static_cast<int64_t>(prompt.size());

  rt::Expected<rt::Model> model = rt::Model::load(modelPath);
  if (!model)
    return fail(model.error().message());
  const rt::EntryInfo *decodeEntry = model->manifest().findEntry("decode");
  const rt::EntryInfo *prefillEntry =
      model->manifest().findEntry(fastgen >= 0 ? "prefill_fastgen" : "prefill");
  const rt::TensorInfo *ids = decodeEntry ? findInput(*decodeEntry, "input_ids") : nullptr;
  const rt::TensorInfo *lensInfo = decodeEntry ? findInput(*decodeEntry, "cache_lens") : nullptr;
  const rt::TensorInfo *cacheInfo = decodeEntry ? findInput(*decodeEntry, "k_cache.0") : nullptr;
  if (!ids || !lensInfo || !cacheInfo || !prefillEntry)
    return fail(modelPath + " is not a Llama artifact with " +
                (fastgen >= 0 ? "prefill_fastgen (compile with --fastgen)" : "prefill") +
                " and decode entries");
  if (ids->shape != std::vector<int64_t>{1, 1})
    return fail("the artifact's decode takes input_ids " + rt::formatShape(ids->shape) +
                "; generation needs --batch 1 --decode-tokens 1");
  int64_t layers = lensInfo->shape[0];
  int64_t capacity = cacheInfo->shape[2], headDim = cacheInfo->shape[3];
  int64_t prefillLen = findInput(*prefillEntry, "input_ids")->shape[1];
  int64_t vocab = 0;
  for (const rt::TensorInfo &t : decodeEntry->outputs)
    if (t.name == "logits")
      vocab = t.shape.back();
  for (int64_t t : prompt)
    if (t < 0 || t >= vocab)
      return fail("prompt token " + std::to_string(t) + " is outside the vocabulary [0, " +
                  std::to_string(vocab) + ")");
  if (promptLen + tokens > capacity)
    return fail("the prompt (" + std::to_string(promptLen) + " tokens) and " +
                std::to_string(tokens) + " new tokens exceed the KV cache of " +
                std::to_string(capacity) + " rows (kilnc compile --cache-len)");
  if (fastgen >= 0 && promptLen < prefillLen)
    return fail("--fastgen profiles the prefill of " + std::to_string(prefillLen) +
                " tokens; the prompt has " + std::to_string(promptLen));

  rt::Expected<std::shared_ptr<rt::Device>> device = rt::Device::open(deviceName);
  if (!device)
    return fail(device.error().message());
  rt::Expected<rt::Session> decode = model->createSession(*device, "decode");
  if (!decode)
    return fail(decode.error().message());

  // The caches start empty; `lens` counts each layer's and head's rows.
  rt::TensorFile state;
  for (int64_t i = 0; i < layers; ++i)
    for (const char *kind : {"k_cache.", "v_cache."})
      state.tensors.push_back({kind + std::to_string(i),
                               rt::HostTensor::zeros(cacheInfo->dtype, cacheInfo->shape)});
  rt::HostTensor lens = rt::HostTensor::zeros(rt::DType::I32, lensInfo->shape);
  rt::HostTensor logits;
  auto takeState = [&](rt::TensorFile &out) {
    for (auto &[name, t] : out.tensors)
      if (name == "logits")
        logits = std::move(t);
      else if (name == "cache_lens")
        lens = std::move(t);
      else if (name != "policy")
        for (auto &[have, old] : state.tensors)
          if (have == name)
            old = std::move(t);
  };
  auto step = [&](int64_t token, int64_t position) -> rt::Status {
    rt::TensorFile in;
    in.tensors.push_back({"input_ids", i64Row({token})});
    in.tensors.push_back({"positions", i64Row({position})});
    in.tensors.push_back({"cache_lens", lens});
    for (auto &[name, t] : state.tensors)
      in.tensors.push_back({name, t});
    rt::Expected<rt::TensorFile> out = decode->run(in);
    if (!out)
      return out.error();
    takeState(*out);
    for (int64_t i = 0; i < lens.numElements(); ++i)
      lens.setFromDouble(i, lens.getAsDouble(i) + 1);
    return rt::Status::ok();
  };

  auto start = std::chrono::steady_clock::now();
  int64_t filled = 0;
  double keptBytes = 0, fullBytes = 0;
  if (promptLen >= prefillLen) {
    rt::Expected<rt::Session> prefill = model->createSession(*device, prefillEntry->name);
    if (!prefill)
      return fail(prefill.error().message());
    rt::TensorFile in;
    std::vector<int64_t> head(prompt.begin(), prompt.begin() + prefillLen);
    std::vector<int64_t> positions(prefillLen);
    std::iota(positions.begin(), positions.end(), 0);
    in.tensors.push_back({"input_ids", i64Row(head)});
    in.tensors.push_back({"positions", i64Row(positions)});
    if (fastgen >= 0) {
      // Token classes from the tokenizer (control pieces are special,
      // pieces of punctuation only are punctuation) or the flags.
      rt::HostTensor classes = rt::HostTensor::zeros(rt::DType::I32, {vocab});
      std::vector<int64_t> special, punct;
      if (!specialText.empty() && !parseIds(specialText, special))
        return fail("--special-ids takes comma-separated token ids");
      if (!punctText.empty() && !parseIds(punctText, punct))
        return fail("--punct-ids takes comma-separated token ids");
#ifdef KILN_HAVE_SENTENCEPIECE
      if (haveTokenizer)
        for (int id = 0; id < std::min<int64_t>(vocab, tokenizer.GetPieceSize()); ++id) {
          std::string piece = tokenizer.IdToPiece(id);
          if (tokenizer.IsControl(id))
            special.push_back(id);
          else if (!piece.empty() &&
                   std::all_of(piece.begin(), piece.end(), [](unsigned char ch) {
                     return std::ispunct(ch) != 0;
                   }))
            punct.push_back(id);
        }
#endif
      for (auto [list, cls] : {std::pair{&punct, 2}, {&special, 1}})
        for (int64_t id : *list) {
          if (id < 0 || id >= vocab)
            return fail("token id " + std::to_string(id) + " in --special-ids / --punct-ids "
                        "is outside the vocabulary");
          classes.setFromDouble(id, cls);
        }
      rt::HostTensor threshold = rt::HostTensor::zeros(rt::DType::F32, {});
      threshold.setFromDouble(0, fastgen);
      in.tensors.push_back({"token_class", classes});
      in.tensors.push_back({"threshold", threshold});
    }
    for (auto &[name, t] : state.tensors)
      in.tensors.push_back({name, t});
    rt::Expected<rt::TensorFile> out = prefill->run(in);
    if (!out)
      return fail(prefillEntry->name + ": " + out.error().message());
    for (int64_t i = 0; i < lens.numElements(); ++i)
      lens.setFromDouble(i, double(prefillLen));
    takeState(*out); // prefill_fastgen's own cache_lens replace the full ones
    filled = prefillLen;
    double rowBytes = 2.0 * headDim * rt::dtypeSize(cacheInfo->dtype);
    for (int64_t i = 0; i < lens.numElements(); ++i)
      keptBytes += lens.getAsDouble(i) * rowBytes;
    fullBytes = double(lens.numElements()) * double(prefillLen) * rowBytes;
  }
  for (; filled < promptLen; ++filled)
    if (rt::Status s = step(prompt[filled], filled); !s)
      return fail("decode: " + s.error().message());
  double promptSeconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  std::mt19937_64 rng(seed);
  std::vector<int64_t> generated;
  start = std::chrono::steady_clock::now();
  for (int i = 0; i < tokens; ++i) {
    generated.push_back(sample(logits, sampling, rng));
    if (i + 1 < tokens)
      if (rt::Status s = step(generated.back(), promptLen + i); !s)
        return fail("decode: " + s.error().message());
  }
  double genSeconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  std::printf("prompt:");
  for (int64_t t : prompt)
    std::printf(" %lld", static_cast<long long>(t));
  std::printf("\ngenerated:");
  for (int64_t t : generated)
    std::printf(" %lld", static_cast<long long>(t));
  std::printf("\n");
#ifdef KILN_HAVE_SENTENCEPIECE
  if (haveTokenizer) {
    std::string decoded;
    std::vector<int> pieces(generated.begin(), generated.end());
    if (tokenizer.Decode(pieces, &decoded).ok())
      std::printf("text: %s\n", decoded.c_str());
  }
#endif
  std::printf("prompt of %lld tokens in %.3f s; %d tokens generated, %.1f tokens/s on %s\n",
              static_cast<long long>(promptLen), promptSeconds, tokens,
              tokens > 1 ? (tokens - 1) / genSeconds : 0.0, (*device)->describe().c_str());
  if (fullBytes > 0)
    std::printf("KV cache after the prompt's prefill: %.0f of %.0f bytes kept (%.1f %%)\n",
                keptBytes, fullBytes, 100.0 * keptBytes / fullBytes);
  return 0;
}
