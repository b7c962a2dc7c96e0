//===- stable_cascade.cpp - text to image with Stable Cascade -------------===//
//
// Runtime only: prompt text → CLIP tokenizer and text encoder → stage C (the
// prior, N steps with classifier-free guidance) → stage B (the decoder, M
// steps) → stage A (the Paella VQ decoder) → a PNG. Every network is an
// artifact compiled ahead of time by kilnc; the pipeline directory has
// diffusers' layout with one `model.kiln` per network beside its weights:
//
//   DIR/tokenizer/{vocab.json, merges.txt[, special_tokens_map.json]}
//   DIR/text_encoder/model.kiln   kilnc compile --model clip-text --batch 1
//   DIR/prior/model.kiln          --model stable-cascade-prior, batch 2B
//                                 (B without guidance)
//   DIR/decoder/model.kiln        --model stable-cascade-decoder, batch B
//                                 (2B with decoder guidance)
//   DIR/vqgan/model.kiln          --model paella-vq, batch B
//
// (each compiled with --external-weights naming the weights file beside it,
// so the weights load from diffusers' files by their real names). The
// artifacts' static shapes fix the image size and batch; the flags given
// must agree with them, or the error names the kilnc flags to rebuild with.
//
// usage: kiln-stable-cascade DIR --prompt TEXT -o OUT.png
//            [--negative-prompt TEXT] [--steps 20] [--guidance 4]
//            [--decoder-steps 10] [--decoder-guidance 0] [--seed 0]
//            [--height H --width W] [--batch B] [--device cpu|cuda]
//            [--inject FILE.safetensors] [--save FILE.safetensors]
//
// --inject replaces the seeded draws by tensors (prior_latents,
// prior_noise.I, decoder_latents, decoder_noise.I: a test's way to start
// where a reference pipeline started); --save writes the stage outputs
// (image_embeddings, decoder_latents, image).
//
//===----------------------------------------------------------------------===//

#include "Png.h"

#include "kiln/Runtime/ClipTokenizer.h"
#include "kiln/Runtime/Diffusion.h"
#include "kiln/Runtime/Files.h"
#include "kiln/Runtime/Safetensors.h"
#include "kiln/Runtime/Session.h"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

namespace rt = kiln::rt;

namespace {

int fail(const std::string &message) {
  std::fprintf(stderr, "kiln-stable-cascade: error: %s\n", message.c_str());
  return 1;
}

double seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

/// A compiled network of the pipeline and its session.
struct Stage {
  std::string path; // DIR/prior/model.kiln, for messages
  std::string entry;
  rt::Model model;
  rt::Session session;

  /// The declared shape of input `name` (empty if the entry has none).
  std::vector<int64_t> input(const std::string &name) const {
    for (const rt::TensorInfo &t : session.entry().inputs)
      if (t.name == name)
        return t.shape;
    return {};
  }
};

rt::Expected<Stage> openStage(const std::string &dir, const std::string &name,
                              const std::string &entry, std::shared_ptr<rt::Device> device) {
  std::string path = dir + "/" + name + "/model.kiln";
  rt::Expected<rt::Model> model = rt::Model::load(path);
  if (!model)
    return model.error().withContext("the " + name + " stage");
  if (!model->manifest().findEntry(entry))
    return rt::Error(path + " has no entry '" + entry + "'; compile it with kilnc --model " +
                     (name == "text_encoder" ? "clip-text"
                      : name == "prior"      ? "stable-cascade-prior"
                      : name == "decoder"    ? "stable-cascade-decoder"
                                             : "paella-vq"));
  rt::Expected<rt::Session> session = model->createSession(std::move(device), entry);
  if (!session)
    return session.error().withContext(path);
  return Stage{path, entry, std::move(*model), std::move(*session)};
}

/// `want` must be the shape `stage` was compiled for at `input`.
rt::Status expectShape(const Stage &stage, const std::string &input,
                       const std::vector<int64_t> &want, const std::string &rebuild) {
  std::vector<int64_t> have = stage.input(input);
  if (have == want)
    return rt::Status::ok();
  return rt::Error(stage.path + " takes " + input + " " + rt::formatShape(have) +
                   ", this run needs " + rt::formatShape(want) + "; compile it with " +
                   rebuild + " or change the flags");
}

rt::HostTensor f32(std::vector<int64_t> shape) {
  return rt::HostTensor::zeros(rt::DType::F32, std::move(shape));
}

/// Rows [a; b] along axis 0.
rt::HostTensor concatBatch(const rt::HostTensor &a, const rt::HostTensor &b) {
  rt::HostTensor out = a;
  out.shape[0] += b.shape[0];
  out.bytes.insert(out.bytes.end(), b.bytes.begin(), b.bytes.end());
  return out;
}

/// The pad token the tokenizer folder names (special_tokens_map.json or
/// tokenizer_config.json), else CLIP's <|endoftext|>.
std::string padToken(const std::string &dir) {
  for (const char *file : {"special_tokens_map.json", "tokenizer_config.json"}) {
    std::ifstream in(dir + "/" + file);
    if (!in)
      continue;
    nlohmann::json j = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
    if (!j.is_object() || !j.contains("pad_token"))
      continue;
    const nlohmann::json &p = j["pad_token"];
    if (p.is_string())
      return p.get<std::string>();
    if (p.is_object() && p.contains("content") && p["content"].is_string())
      return p["content"].get<std::string>();
  }
  return "<|endoftext|>";
}

/// One prompt's hidden states (hidden_states[-1], [1, L, D]) and pooled
/// embedding ([1, 1, P]), as the Stable Cascade pipelines encode it.
struct PromptEmbedding {
  rt::HostTensor hidden, pooled;
};

rt::Expected<PromptEmbedding> encodePrompt(Stage &encoder, const rt::ClipTokenizer &tokenizer,
                                           const std::string &text) {
  std::vector<int64_t> shape = encoder.input("input_ids");
  if (shape.size() != 2 || shape[0] != 1)
    return rt::Error(encoder.path + " takes input_ids " + rt::formatShape(shape) +
                     "; compile the text encoder with --batch 1");
  const int64_t length = shape[1];
  std::vector<int64_t> ids = tokenizer.encode(text, length);
  const int64_t used = int64_t(tokenizer.encodeText(text).size()) + 2;
  if (used > length)
    std::fprintf(stderr,
                 "kiln-stable-cascade: warning: the prompt has %lld tokens; the text "
                 "encoder reads %lld, the rest is dropped\n",
                 (long long)used, (long long)length);
  rt::HostTensor idTensor = rt::HostTensor::zeros(rt::DType::I64, {1, length});
  rt::HostTensor mask = rt::HostTensor::zeros(rt::DType::I64, {1, length});
  for (int64_t i = 0; i < length; ++i) {
    idTensor.setFromDouble(i, double(ids[size_t(i)]));
    mask.setFromDouble(i, i < used ? 1.0 : 0.0);
  }
  rt::TensorFile in;
  in.tensors = {{"input_ids", idTensor}, {"attention_mask", mask}};
  rt::Expected<rt::TensorFile> out = encoder.session.run(in);
  if (!out)
    return out.error().withContext(encoder.path);
  const rt::HostTensor *hidden = out->find("last_layer_hidden_state");
  const rt::HostTensor *embeds = out->find("text_embeds");
  if (!hidden || !embeds)
    return rt::Error(encoder.path + " lacks the outputs last_layer_hidden_state and "
                     "text_embeds; recompile it with this version's kilnc --model clip-text");
  PromptEmbedding e{*hidden, *embeds};
  e.pooled.shape = {1, 1, embeds->shape.back()};
  return e;
}

/// The seeded draws, or the injected tensors that replace them.
struct Draws {
  rt::GaussianNoise noise;
  const rt::TensorFile *injected = nullptr;

  rt::Expected<rt::HostTensor> take(const std::string &name, const std::vector<int64_t> &shape) {
    if (!injected)
      return noise.sample(shape);
    const rt::HostTensor *t = injected->find(name);
    if (!t || t->dtype != rt::DType::F32 || t->shape != shape)
      return rt::Error("--inject: needs F32 " + name + " " + rt::formatShape(shape) +
                       (t ? ", got " + t->describe() : ", which the file lacks"));
    return *t;
  }
};

/// A denoising loop of `steps` steps over `latents` with guidance `scale`
/// (batching conditioned and unconditioned inputs when scale > 1).
/// `conditions` are the network's inputs other than sample and
/// timestep_ratio, already batched.
rt::Status denoise(Stage &stage, const std::string &label, int steps, double scale,
                   const rt::TensorFile &conditions, rt::HostTensor &latents, Draws &draws,
                   const std::string &noisePrefix) {
  rt::WuerstchenScheduler scheduler;
  std::vector<float> t = scheduler.timesteps(steps);
  const bool guided = scale > 1;
  const int64_t rows = latents.shape[0] * (guided ? 2 : 1);
  for (int i = 0; i < steps; ++i) {
    auto start = std::chrono::steady_clock::now();
    rt::TensorFile in = conditions;
    in.tensors.push_back({"sample", guided ? rt::repeatBatch(latents, 2) : latents});
    rt::HostTensor ratio = f32({rows});
    for (int64_t r = 0; r < rows; ++r)
      ratio.setFromDouble(r, t[size_t(i)]);
    in.tensors.push_back({"timestep_ratio", ratio});
    rt::Expected<rt::TensorFile> out = stage.session.run(in);
    if (!out)
      return out.error().withContext(stage.path);
    const rt::HostTensor *eps = out->find("sample");
    if (!eps)
      return rt::Error(stage.path + " has no output 'sample'");
    rt::Expected<rt::HostTensor> guidedEps =
        guided ? rt::classifierFreeGuidance(*eps, scale) : rt::Expected<rt::HostTensor>(*eps);
    if (!guidedEps)
      return guidedEps.error();
    rt::Expected<rt::HostTensor> noise =
        draws.take(noisePrefix + std::to_string(i), latents.shape);
    if (!noise)
      return noise.error();
    if (rt::Status s = scheduler.step(*guidedEps, t[size_t(i)], t[size_t(i) + 1], *noise, latents);
        !s)
      return s;
    std::fprintf(stderr, "%s step %d/%d: t = %.3f, %.2f s\n", label.c_str(), i + 1, steps,
                 double(t[size_t(i)]), seconds(start));
  }
  return rt::Status::ok();
}

struct Options {
  std::string dir, prompt, negativePrompt, output, device = "cpu", inject, save;
  int steps = 20, decoderSteps = 10;
  double guidance = 4.0, decoderGuidance = 0.0;
  uint64_t seed = 0;
  int64_t height = 0, width = 0, batch = 1;
};

/// Parses the flags; returns an error message or "".
std::string parse(int argc, char **argv, Options &o) {
  auto integer = [](const std::string &flag, const std::string &v, int64_t lo, int64_t hi,
                    int64_t &out) -> std::string {
    char *end = nullptr;
    errno = 0;
    long long x = std::strtoll(v.c_str(), &end, 10);
    if (v.empty() || *end || errno || x < lo || x > hi)
      return flag + " takes an integer in [" + std::to_string(lo) + ", " + std::to_string(hi) +
             "], got '" + v + "'";
    out = x;
    return "";
  };
  auto number = [](const std::string &flag, const std::string &v, double &out) -> std::string {
    char *end = nullptr;
    double x = std::strtod(v.c_str(), &end);
    if (v.empty() || *end || !std::isfinite(x) || x < 0 || x > 100)
      return flag + " takes a number in [0, 100], got '" + v + "'";
    out = x;
    return "";
  };
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a.rfind("-", 0) != 0) {
      if (!o.dir.empty())
        return "unexpected argument '" + a + "'";
      o.dir = a;
      continue;
    }
    if (i + 1 >= argc)
      return a + " needs a value";
    std::string v = argv[++i], err;
    int64_t n = 0;
    if (a == "--prompt")
      o.prompt = v;
    else if (a == "--negative-prompt")
      o.negativePrompt = v;
    else if (a == "-o" || a == "--output")
      o.output = v;
    else if (a == "--device")
      o.device = v;
    else if (a == "--inject")
      o.inject = v;
    else if (a == "--save")
      o.save = v;
    else if (a == "--steps" || a == "--decoder-steps") {
      if ((err = integer(a, v, 1, 1000, n)).empty())
        (a == "--steps" ? o.steps : o.decoderSteps) = int(n);
    } else if (a == "--guidance")
      err = number(a, v, o.guidance);
    else if (a == "--decoder-guidance")
      err = number(a, v, o.decoderGuidance);
    else if (a == "--seed") {
      if ((err = integer(a, v, 0, INT64_MAX, n)).empty())
        o.seed = uint64_t(n);
    } else if (a == "--height")
      err = integer(a, v, 1, 16384, o.height);
    else if (a == "--width")
      err = integer(a, v, 1, 16384, o.width);
    else if (a == "--batch")
      err = integer(a, v, 1, 64, o.batch);
    else
      return "unknown option '" + a + "'";
    if (!err.empty())
      return err;
  }
  if (o.dir.empty() || o.prompt.empty() || o.output.empty())
    return "usage: kiln-stable-cascade DIR --prompt TEXT -o OUT.png [--negative-prompt TEXT] "
           "[--steps 20] [--guidance 4] [--decoder-steps 10] [--decoder-guidance 0] "
           "[--seed 0] [--height H --width W] [--batch B] [--device cpu|cuda] "
           "[--inject FILE] [--save FILE]";
  return "";
}

} // namespace

int main(int argc, char **argv) {
  Options o;
  if (std::string err = parse(argc, argv, o); !err.empty())
    return fail(err);
  auto total = std::chrono::steady_clock::now();

  rt::TensorFile injected;
  if (!o.inject.empty()) {
    rt::Expected<rt::TensorFile> f = rt::readSafetensors(o.inject);
    if (!f)
      return fail(f.error().message());
    injected = std::move(*f);
  }
  Draws draws{rt::GaussianNoise(o.seed), o.inject.empty() ? nullptr : &injected};

  rt::Expected<rt::ClipTokenizer> tokenizer = rt::ClipTokenizer::load(
      o.dir + "/tokenizer/vocab.json", o.dir + "/tokenizer/merges.txt",
      padToken(o.dir + "/tokenizer"));
  if (!tokenizer)
    return fail(tokenizer.error().withContext("the tokenizer").message());
  rt::Expected<std::shared_ptr<rt::Device>> device = rt::Device::open(o.device);
  if (!device)
    return fail(device.error().message());
  rt::Expected<Stage> encoder = openStage(o.dir, "text_encoder", "forward", *device);
  rt::Expected<Stage> prior = encoder ? openStage(o.dir, "prior", "forward", *device)
                                      : rt::Expected<Stage>(encoder.error());
  rt::Expected<Stage> decoder = prior ? openStage(o.dir, "decoder", "forward", *device)
                                      : rt::Expected<Stage>(prior.error());
  rt::Expected<Stage> vqgan = decoder ? openStage(o.dir, "vqgan", "decode", *device)
                                      : rt::Expected<Stage>(decoder.error());
  if (!vqgan)
    return fail(vqgan.error().message());

  // Sizes: the prior's latents are ⌈H/42.67⌉, the decoder's int(10.67·h),
  // as diffusers' pipelines relate them; unset flags take the artifacts'.
  std::vector<int64_t> priorSample = prior->input("sample");
  if (priorSample.size() != 4)
    return fail(prior->path + " is not a stable-cascade-prior artifact");
  const bool priorGuided = o.guidance > 1, decoderGuided = o.decoderGuidance > 1;
  const int64_t B = o.batch;
  int64_t h = priorSample[2], w = priorSample[3];
  if (o.height)
    h = int64_t(std::ceil(double(o.height) / 42.67));
  if (o.width)
    w = int64_t(std::ceil(double(o.width) / 42.67));
  const int64_t hb = int64_t(double(h) * 10.67), wb = int64_t(double(w) * 10.67);
  const std::vector<int64_t> priorShape = {B, priorSample[1], h, w};
  std::vector<int64_t> decoderSample = decoder->input("sample");
  if (decoderSample.size() != 4)
    return fail(decoder->path + " is not a stable-cascade-decoder artifact");
  const std::vector<int64_t> decoderShape = {B, decoderSample[1], hb, wb};
  auto rows = [&](bool guided) { return B * (guided ? 2 : 1); };
  for (rt::Status s :
       {expectShape(*prior, "sample", {rows(priorGuided), priorShape[1], h, w},
                    "kilnc compile --model stable-cascade-prior --batch " +
                        std::to_string(rows(priorGuided)) + " --height " + std::to_string(h) +
                        " --width " + std::to_string(w)),
        expectShape(*decoder, "sample", {rows(decoderGuided), decoderShape[1], hb, wb},
                    "kilnc compile --model stable-cascade-decoder --batch " +
                        std::to_string(rows(decoderGuided)) + " --height " +
                        std::to_string(hb) + " --width " + std::to_string(wb) +
                        " --cond-height " + std::to_string(h) + " --cond-width " +
                        std::to_string(w)),
        expectShape(*vqgan, "latents", decoderShape,
                    "kilnc compile --model paella-vq --batch " + std::to_string(B))})
    if (!s)
      return fail(s.error().message());

  // Text: the prompt and, for guidance, the negative prompt.
  auto start = std::chrono::steady_clock::now();
  rt::Expected<PromptEmbedding> cond = encodePrompt(*encoder, *tokenizer, o.prompt);
  if (!cond)
    return fail(cond.error().message());
  rt::Expected<PromptEmbedding> uncond = PromptEmbedding{};
  if (priorGuided || decoderGuided)
    uncond = encodePrompt(*encoder, *tokenizer, o.negativePrompt);
  if (!uncond)
    return fail(uncond.error().message());
  std::fprintf(stderr, "text encoder: %.2f s\n", seconds(start));
  auto rowsOf = [&](const rt::HostTensor &c, const rt::HostTensor &u, bool guided) {
    rt::HostTensor all = rt::repeatBatch(c, B);
    return guided ? concatBatch(all, rt::repeatBatch(u, B)) : all;
  };

  // Stage C.
  start = std::chrono::steady_clock::now();
  rt::Expected<rt::HostTensor> latents = draws.take("prior_latents", priorShape);
  if (!latents)
    return fail(latents.error().message());
  rt::TensorFile priorConditions;
  priorConditions.tensors = {
      {"clip_text_pooled", rowsOf(cond->pooled, uncond->pooled, priorGuided)},
      {"clip_text", rowsOf(cond->hidden, uncond->hidden, priorGuided)}};
  // No image prompt: zero image embeddings, as the pipeline passes.
  if (std::vector<int64_t> img = prior->input("clip_img"); !img.empty())
    priorConditions.tensors.push_back({"clip_img", f32(img)});
  if (rt::Status s = denoise(*prior, "prior", o.steps, o.guidance, priorConditions, *latents,
                             draws, "prior_noise.");
      !s)
    return fail(s.error().message());
  rt::HostTensor embeddings = *latents;
  std::fprintf(stderr, "prior: %.2f s\n", seconds(start));

  // Stage B: conditioned on stage C's latents (zeros for the unconditioned
  // half) and the pooled prompt.
  start = std::chrono::steady_clock::now();
  latents = draws.take("decoder_latents", decoderShape);
  if (!latents)
    return fail(latents.error().message());
  rt::TensorFile decoderConditions;
  decoderConditions.tensors = {
      {"clip_text_pooled", rowsOf(cond->pooled, uncond->pooled, decoderGuided)},
      {"effnet", decoderGuided ? concatBatch(embeddings, f32(embeddings.shape)) : embeddings}};
  if (rt::Status s = denoise(*decoder, "decoder", o.decoderSteps, o.decoderGuidance,
                             decoderConditions, *latents, draws, "decoder_noise.");
      !s)
    return fail(s.error().message());
  std::fprintf(stderr, "decoder: %.2f s\n", seconds(start));

  // Stage A.
  start = std::chrono::steady_clock::now();
  rt::TensorFile vqIn;
  vqIn.tensors = {{"latents", *latents}};
  rt::Expected<rt::TensorFile> decoded = vqgan->session.run(vqIn);
  if (!decoded)
    return fail(decoded.error().withContext(vqgan->path).message());
  const rt::HostTensor *image = decoded->find("image");
  if (!image || image->shape.size() != 4 || image->shape[1] != 3)
    return fail(vqgan->path + " does not decode to RGB images");
  std::fprintf(stderr, "vqgan: %.2f s\n", seconds(start));

  if (!o.save.empty()) {
    rt::TensorFile saved;
    saved.tensors = {{"image_embeddings", embeddings}, {"decoder_latents", *latents},
                     {"image", *image}};
    if (rt::Status s = rt::writeSafetensors(o.save, saved); !s)
      return fail(s.error().message());
  }
  // The batch side by side in one PNG.
  const int64_t H = image->shape[2], W = image->shape[3];
  kiln::examples::RgbImage png{int(W * B), int(H), {}};
  png.rgb.resize(size_t(png.width) * size_t(png.height) * 3);
  for (int64_t b = 0; b < B; ++b)
    for (int64_t c = 0; c < 3; ++c)
      for (int64_t y = 0; y < H; ++y)
        for (int64_t x = 0; x < W; ++x) {
          double v = image->getAsDouble(((b * 3 + c) * H + y) * W + x);
          png.rgb[(size_t(y) * size_t(png.width) + size_t(b * W + x)) * 3 + size_t(c)] =
              (unsigned char)std::lround(std::fmin(std::fmax(v, 0.0), 1.0) * 255.0);
        }
  if (rt::Status s = kiln::examples::writePng(o.output, png); !s)
    return fail(s.error().message());
  std::fprintf(stderr, "wrote %s (%lld x %lld, %lld image%s) in %.2f s\n", o.output.c_str(),
               (long long)W, (long long)H, (long long)B, B == 1 ? "" : "s", seconds(total));
  return 0;
}
