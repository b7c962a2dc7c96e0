//===- Registry.cpp - the model frontends by name -------------------------===//

#include "kiln/Frontend/Models/Registry.h"

#include "kiln/Frontend/Models/AutoencoderKL.h"
#include "kiln/Frontend/Models/ClipText.h"
#include "kiln/Frontend/Models/Dinov2.h"
#include "kiln/Frontend/Models/Llama.h"
#include "kiln/Frontend/Models/Mamba.h"
#include "kiln/Frontend/Models/MlpVae.h"
#include "kiln/Frontend/Models/PaellaVQ.h"
#include "kiln/Frontend/Models/StableCascade.h"

#include "kiln/Runtime/Tensor.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace kiln::frontend {

int64_t *ModelShape::field(const std::string &flag) {
  return flag == "--batch"           ? &batch
         : flag == "--seq-len"       ? &seqLen
         : flag == "--height"        ? &height
         : flag == "--width"         ? &width
         : flag == "--cond-height"   ? &condHeight
         : flag == "--cond-width"    ? &condWidth
         : flag == "--cache-len"     ? &cacheLen
         : flag == "--decode-tokens" ? &decodeTokens
                                     : nullptr;
}

namespace {

/// Dimension `dim` of input `name` (rank `rank`) fixes `flag` as
/// dimension·`scale`; an input that is absent or of another rank implies
/// nothing (binding reports it).
void imply(std::vector<ImpliedFlag> &out, const InputShapes &inputs,
           const std::string &name, size_t rank, size_t dim,
           const std::string &flag, const std::string &symbol,
           int64_t scale = 1) {
  auto it = inputs.find(name);
  if (it == inputs.end() || it->second.size() != rank)
    return;
  std::string reason = name + " " + rt::formatShape(it->second) + " (" + symbol +
                       " = " + std::to_string(it->second[dim]) +
                       (scale != 1 ? " × " + std::to_string(scale) : "") + ")";
  out.push_back({flag, it->second[dim] * scale, reason});
}

/// Every element of integer tensor `name` (when given) lies in [lo, hi).
rt::Status checkRange(const rt::TensorFile &inputs, const std::string &name,
                      int64_t lo, int64_t hi, const std::string &what) {
  const rt::HostTensor *t = inputs.find(name);
  if (!t)
    return rt::Status::ok();
  for (int64_t i = 0; i < t->numElements(); ++i) {
    double v = t->getAsDouble(i);
    if (v < double(lo) || v >= double(hi)) {
      std::string index;
      for (int64_t rest = i, d = int64_t(t->shape.size()) - 1; d >= 0; --d) {
        index = std::to_string(rest % t->shape[d]) + (index.empty() ? "" : ", ") + index;
        rest /= t->shape[d];
      }
      return rt::Error(name + "[" + index + "] = " + std::to_string(int64_t(v)) +
                       " is outside " + what + " [" + std::to_string(lo) + ", " +
                       std::to_string(hi) + ")");
    }
  }
  return rt::Status::ok();
}

rt::Status buildMambaModel(GraphBuilder &b, const std::string &config,
                           const ModelShape &shape) {
  rt::Expected<MambaConfig> c = readMambaConfig(config);
  if (!c)
    return c.error();
  buildMamba(b, *c, shape.batch, shape.seqLenOr(64));
  return rt::Status::ok();
}

rt::Expected<std::vector<ImpliedFlag>>
mambaImplied(const std::string &, const std::string &entry,
             const InputShapes &inputs) {
  std::vector<ImpliedFlag> out;
  imply(out, inputs, "input_ids", 2, 0, "--batch", "B");
  if (entry == "prefill")
    imply(out, inputs, "input_ids", 2, 1, "--seq-len", "L");
  return out;
}

rt::Status mambaCheckInputs(const std::string &config, const ModelShape &,
                            const std::string &, const rt::TensorFile &inputs) {
  rt::Expected<MambaConfig> c = readMambaConfig(config);
  if (!c)
    return c.error();
  return checkRange(inputs, "input_ids", 0, c->vocabSize, "the vocabulary");
}

rt::Status buildMlpVaeModel(GraphBuilder &b, const std::string &config,
                            const ModelShape &shape) {
  rt::Expected<MlpVaeConfig> c = readMlpVaeConfig(config);
  if (!c)
    return c.error();
  buildMlpVae(b, *c, shape.batch);
  return rt::Status::ok();
}

rt::Expected<std::vector<ImpliedFlag>>
mlpVaeImplied(const std::string &, const std::string &entry,
              const InputShapes &inputs) {
  std::vector<ImpliedFlag> out;
  imply(out, inputs, entry == "decode" ? "z" : "x", 2, 0, "--batch", "B");
  return out;
}

rt::Status buildAutoencoderKLModel(GraphBuilder &b, const std::string &config,
                                   const ModelShape &shape) {
  rt::Expected<AutoencoderKLConfig> c = readAutoencoderKLConfig(config);
  if (!c)
    return c.error();
  int64_t height = shape.height > 0 ? shape.height : 64;
  int64_t width = shape.width > 0 ? shape.width : 64;
  if (height % c->factor() != 0 || width % c->factor() != 0)
    return rt::Error("--height and --width must be multiples of " +
                     std::to_string(c->factor()) +
                     " for this AutoencoderKL, got " +
                     std::to_string(height) + " x " +
                     std::to_string(width));
  buildAutoencoderKL(b, *c, shape.batch, height, width);
  return rt::Status::ok();
}

rt::Expected<std::vector<ImpliedFlag>>
autoencoderKLImplied(const std::string &config, const std::string &entry,
                     const InputShapes &inputs) {
  std::vector<ImpliedFlag> out;
  if (entry == "decode") {
    rt::Expected<AutoencoderKLConfig> c = readAutoencoderKLConfig(config);
    if (!c)
      return c.error();
    imply(out, inputs, "z", 4, 0, "--batch", "B");
    imply(out, inputs, "z", 4, 2, "--height", "h", c->factor());
    imply(out, inputs, "z", 4, 3, "--width", "w", c->factor());
  } else {
    imply(out, inputs, "x", 4, 0, "--batch", "B");
    imply(out, inputs, "x", 4, 2, "--height", "H");
    imply(out, inputs, "x", 4, 3, "--width", "W");
  }
  return out;
}

rt::Status buildLlamaModel(GraphBuilder &b, const std::string &config,
                           const ModelShape &shape) {
  rt::Expected<LlamaConfig> c = readLlamaConfig(config, shape.pauseTokenId);
  if (!c)
    return c.error();
  int64_t seqLen = shape.seqLenOr(64);
  // By default the cache holds the model's context, or the prompt if longer.
  int64_t cacheLen = shape.cacheLen > 0 ? shape.cacheLen
                                        : std::max(c->maxPositionEmbeddings, seqLen);
  if (seqLen > cacheLen)
    return rt::Error("--seq-len " + std::to_string(seqLen) +
                     " does not fit the KV cache of " + std::to_string(cacheLen) +
                     " rows (--cache-len)");
  if (shape.decodeTokens > cacheLen)
    return rt::Error("--decode-tokens " + std::to_string(shape.decodeTokens) +
                     " exceeds the KV cache of " + std::to_string(cacheLen) + " rows");
  if (shape.s2Attn && (seqLen % 8 != 0 || c->numHeads % 2 != 0))
    return rt::Error("--s2-attn needs --seq-len divisible by 8 (groups of L/4, "
                     "halves shifted by L/8) and an even num_attention_heads; got "
                     "--seq-len " + std::to_string(seqLen) + ", " +
                     std::to_string(c->numHeads) + " heads");
  Elem cacheElem = shape.precision == "bf16"  ? Elem::BF16
                   : shape.precision == "f16" ? Elem::F16
                                              : Elem::F32;
  buildLlama(b, *c, shape.batch, seqLen, cacheLen, shape.decodeTokens,
             shape.s2Attn, shape.fastgen, cacheElem);
  return rt::Status::ok();
}

rt::Expected<std::vector<ImpliedFlag>>
llamaImplied(const std::string &, const std::string &entry,
             const InputShapes &inputs) {
  std::vector<ImpliedFlag> out;
  imply(out, inputs, "input_ids", 2, 0, "--batch", "B");
  imply(out, inputs, "input_ids", 2, 1,
        entry == "decode" ? "--decode-tokens" : "--seq-len",
        entry == "decode" ? "T" : "L");
  if (entry != "forward")
    imply(out, inputs, "k_cache.0", 4, 2, "--cache-len", "S");
  if (entry == "prefill_fastgen")
    out.push_back({"--fastgen", 1, "the entry prefill_fastgen"});
  // decode runs on a cache whose prefill may have been any length: build
  // the prefill entries for one that fits it.
  if (entry == "decode")
    if (auto it = inputs.find("k_cache.0"); it != inputs.end() && it->second.size() == 4)
      out.push_back({"--seq-len", it->second[2], "", /*onlyDefault=*/true});
  return out;
}

rt::Status llamaCheckInputs(const std::string &config, const ModelShape &shape,
                            const std::string &entry, const rt::TensorFile &inputs) {
  rt::Expected<LlamaConfig> c = readLlamaConfig(config, shape.pauseTokenId);
  if (!c)
    return c.error();
  if (rt::Status s = checkRange(inputs, "input_ids", 0, c->graphVocab(), "the vocabulary"); !s)
    return s;
  if (rt::Status s = checkRange(inputs, "positions", 0, INT32_MAX, "the positions"); !s)
    return s;
  const rt::HostTensor *ids = inputs.find("input_ids");
  const rt::HostTensor *cache = inputs.find("k_cache.0");
  if (entry == "prefill_fastgen")
    if (const rt::HostTensor *t = inputs.find("threshold");
        t && t->numElements() == 1 && !(t->getAsDouble(0) >= 0 && t->getAsDouble(0) <= 1))
      return rt::Error("threshold = " + std::to_string(t->getAsDouble(0)) +
                       " is outside [0, 1] (the share of attention mass to keep)");
  if (rt::Status s = checkRange(inputs, "token_class", 0, 3,
                                "the token classes (0 other, 1 special, 2 punctuation)");
      !s)
    return s;
  if (entry != "decode" || !ids || !cache || ids->shape.size() != 2 ||
      cache->shape.size() != 4)
    return rt::Status::ok();
  // Each head's T new rows land at cache_lens … cache_lens + T − 1.
  int64_t tokens = ids->shape[1], capacity = cache->shape[2];
  return checkRange(inputs, "cache_lens", 0, capacity - tokens + 1,
                    "the rows a decode step of " + std::to_string(tokens) +
                        " tokens can append to a cache of " +
                        std::to_string(capacity));
}

rt::Status buildDinov2Model(GraphBuilder &b, const std::string &config,
                            const ModelShape &shape) {
  rt::Expected<Dinov2Config> c = readDinov2Config(config);
  if (!c)
    return c.error();
  int64_t height = shape.height > 0 ? shape.height : c->imageSize;
  int64_t width = shape.width > 0 ? shape.width : c->imageSize;
  if (height < c->patchSize || width < c->patchSize)
    return rt::Error("--height and --width must hold at least one " +
                     std::to_string(c->patchSize) + "-pixel patch, got " +
                     std::to_string(height) + " x " + std::to_string(width));
  buildDinov2(b, *c, shape.batch, height, width);
  return rt::Status::ok();
}

rt::Expected<std::vector<ImpliedFlag>>
dinov2Implied(const std::string &, const std::string &, const InputShapes &inputs) {
  std::vector<ImpliedFlag> out;
  imply(out, inputs, "pixel_values", 4, 0, "--batch", "B");
  imply(out, inputs, "pixel_values", 4, 2, "--height", "H");
  imply(out, inputs, "pixel_values", 4, 3, "--width", "W");
  return out;
}

rt::Status dinov2CheckInputs(const std::string &config, const ModelShape &,
                             const std::string &, const rt::TensorFile &inputs) {
  rt::Expected<Dinov2Config> c = readDinov2Config(config);
  if (!c)
    return c.error();
  const rt::HostTensor *pixels = inputs.find("pixel_values");
  if (pixels && pixels->shape.size() == 4 && pixels->shape[1] != c->numChannels)
    return rt::Error("pixel_values " + rt::formatShape(pixels->shape) + " has " +
                     std::to_string(pixels->shape[1]) + " channels; the model takes " +
                     "num_channels = " + std::to_string(c->numChannels));
  return rt::Status::ok();
}

rt::Status buildClipTextModel(GraphBuilder &b, const std::string &config,
                              const ModelShape &shape) {
  rt::Expected<ClipTextConfig> c = readClipTextConfig(config);
  if (!c)
    return c.error();
  int64_t seqLen = shape.seqLenOr(c->maxPositionEmbeddings);
  if (seqLen > c->maxPositionEmbeddings)
    return rt::Error("--seq-len " + std::to_string(seqLen) +
                     " exceeds max_position_embeddings " +
                     std::to_string(c->maxPositionEmbeddings));
  buildClipText(b, *c, shape.batch, seqLen);
  return rt::Status::ok();
}

rt::Expected<std::vector<ImpliedFlag>>
clipTextImplied(const std::string &, const std::string &, const InputShapes &inputs) {
  std::vector<ImpliedFlag> out;
  imply(out, inputs, "input_ids", 2, 0, "--batch", "B");
  imply(out, inputs, "input_ids", 2, 1, "--seq-len", "L");
  return out;
}

rt::Status clipTextCheckInputs(const std::string &config, const ModelShape &,
                               const std::string &, const rt::TensorFile &inputs) {
  rt::Expected<ClipTextConfig> c = readClipTextConfig(config);
  if (!c)
    return c.error();
  if (rt::Status s = checkRange(inputs, "input_ids", 0, c->vocabSize, "the vocabulary"); !s)
    return s;
  return checkRange(inputs, "attention_mask", 0, 2, "the mask values");
}

/// Stage C works at 24 x 24 latents and stage B at 256 x 256 for a 1024²
/// image; the decoder pipeline makes stage B's latents int(10.67·h) for
/// stage C's h, so the conditioning defaults to the size that gives back.
rt::Status buildStableCascade(GraphBuilder &b, const std::string &config,
                              const ModelShape &shape, int64_t defaultSize) {
  rt::Expected<StableCascadeUNetConfig> c = readStableCascadeUNetConfig(config);
  if (!c)
    return c.error();
  StableCascadeShape s;
  s.batch = shape.batch;
  s.height = shape.height > 0 ? shape.height : defaultSize;
  s.width = shape.width > 0 ? shape.width : defaultSize;
  s.textTokens = shape.seqLenOr(77);
  auto condition = [](int64_t size) {
    return static_cast<int64_t>(std::ceil(static_cast<double>(size) / 10.67));
  };
  s.effnetHeight = shape.condHeight > 0 ? shape.condHeight : condition(s.height);
  s.effnetWidth = shape.condWidth > 0 ? shape.condWidth : condition(s.width);
  if (s.height % c->patchSize != 0 || s.width % c->patchSize != 0)
    return rt::Error("--height and --width must be multiples of patch_size " +
                     std::to_string(c->patchSize) + ", got " + std::to_string(s.height) +
                     " x " + std::to_string(s.width));
  // Each level change halves the size (a 2x2 stride-2 convolution, or a
  // bilinear resize with switch_level): every level needs at least 1 x 1.
  int64_t h = s.height / c->patchSize, w = s.width / c->patchSize;
  for (size_t i = 1; i < c->levels(); ++i) {
    bool halves = c->switchLevel.empty() || c->switchLevel[i - 1];
    if (halves && (h < 2 || w < 2))
      return rt::Error("--height " + std::to_string(s.height) + " and --width " +
                       std::to_string(s.width) + " are too small: level " +
                       std::to_string(i) + " of this StableCascadeUNet would halve " +
                       std::to_string(h) + " x " + std::to_string(w));
    if (halves)
      h /= 2, w /= 2;
  }
  buildStableCascadeUNet(b, *c, s);
  return rt::Status::ok();
}

rt::Status buildStableCascadePrior(GraphBuilder &b, const std::string &config,
                                   const ModelShape &shape) {
  return buildStableCascade(b, config, shape, 24);
}

rt::Status buildStableCascadeDecoder(GraphBuilder &b, const std::string &config,
                                     const ModelShape &shape) {
  return buildStableCascade(b, config, shape, 256);
}

rt::Expected<std::vector<ImpliedFlag>>
stableCascadeImplied(const std::string &, const std::string &, const InputShapes &inputs) {
  std::vector<ImpliedFlag> out;
  imply(out, inputs, "sample", 4, 0, "--batch", "B");
  imply(out, inputs, "sample", 4, 2, "--height", "H");
  imply(out, inputs, "sample", 4, 3, "--width", "W");
  imply(out, inputs, "clip_text", 3, 1, "--seq-len", "L");
  imply(out, inputs, "effnet", 4, 2, "--cond-height", "He");
  imply(out, inputs, "effnet", 4, 3, "--cond-width", "We");
  return out;
}

rt::Status buildPaellaVQModel(GraphBuilder &b, const std::string &config,
                              const ModelShape &shape) {
  rt::Expected<PaellaVQConfig> c = readPaellaVQConfig(config);
  if (!c)
    return c.error();
  // Stage A's images are 1024² in the Stable Cascade pipelines.
  int64_t height = shape.height > 0 ? shape.height : 1024;
  int64_t width = shape.width > 0 ? shape.width : 1024;
  if (height % c->factor() != 0 || width % c->factor() != 0)
    return rt::Error("--height and --width must be multiples of " +
                     std::to_string(c->factor()) + " for this PaellaVQModel, got " +
                     std::to_string(height) + " x " + std::to_string(width));
  buildPaellaVQ(b, *c, shape.batch, height, width);
  return rt::Status::ok();
}

rt::Expected<std::vector<ImpliedFlag>>
paellaVQImplied(const std::string &config, const std::string &entry,
                const InputShapes &inputs) {
  std::vector<ImpliedFlag> out;
  if (entry == "encode") {
    imply(out, inputs, "image", 4, 0, "--batch", "B");
    imply(out, inputs, "image", 4, 2, "--height", "H");
    imply(out, inputs, "image", 4, 3, "--width", "W");
    return out;
  }
  rt::Expected<PaellaVQConfig> c = readPaellaVQConfig(config);
  if (!c)
    return c.error();
  imply(out, inputs, "latents", 4, 0, "--batch", "B");
  imply(out, inputs, "latents", 4, 2, "--height", "h", c->factor());
  imply(out, inputs, "latents", 4, 3, "--width", "w", c->factor());
  return out;
}

} // namespace

const std::vector<ModelFrontend> &modelFrontends() {
  static const std::vector<ModelFrontend> frontends = {
      {"mamba", "Hugging Face MambaForCausalLM", {"prefill", "decode"},
       {"--batch", "--seq-len"}, buildMambaModel, mambaImplied, mambaCheckInputs},
      {"llama", "Hugging Face LlamaForCausalLM",
       {"forward", "prefill", "decode", "prefill_fastgen"},
       {"--batch", "--seq-len", "--cache-len", "--decode-tokens"},
       buildLlamaModel, llamaImplied, llamaCheckInputs},
      {"dinov2", "Hugging Face Dinov2WithRegistersModel", {"forward"},
       {"--batch", "--height", "--width"}, buildDinov2Model, dinov2Implied,
       dinov2CheckInputs},
      {"clip-text", "Hugging Face CLIPTextModelWithProjection", {"forward"},
       {"--batch", "--seq-len"}, buildClipTextModel, clipTextImplied,
       clipTextCheckInputs},
      {"vae", "the MLP VAE of pytorch/examples", {"forward", "encode", "decode"},
       {"--batch"}, buildMlpVaeModel, mlpVaeImplied},
      {"autoencoder-kl", "diffusers' AutoencoderKL", {"decode", "encode"},
       {"--batch", "--height", "--width"}, buildAutoencoderKLModel,
       autoencoderKLImplied},
      {"stable-cascade-prior", "diffusers' StableCascadeUNet, stage C", {"forward"},
       {"--batch", "--height", "--width", "--seq-len"}, buildStableCascadePrior,
       stableCascadeImplied},
      {"stable-cascade-decoder", "diffusers' StableCascadeUNet, stage B", {"forward"},
       {"--batch", "--height", "--width", "--cond-height", "--cond-width"},
       buildStableCascadeDecoder, stableCascadeImplied},
      {"paella-vq", "diffusers' PaellaVQModel, Stable Cascade's stage A",
       {"decode", "encode"}, {"--batch", "--height", "--width"}, buildPaellaVQModel,
       paellaVQImplied},
  };
  return frontends;
}

const ModelFrontend *findModelFrontend(const std::string &name) {
  for (const ModelFrontend &f : modelFrontends())
    if (f.name == name)
      return &f;
  return nullptr;
}

} // namespace kiln::frontend
