//===- vae_example.cpp - encode, decode and sample with a compiled VAE ----===//
//
// Runtime only: loads a .kiln built by
//   kilnc compile --model vae --config config.json --weights model.safetensors
//       --batch B -o vae.kiln
// makes B synthetic square images (a disc and a bar each), runs `forward`
// (encode, reparameterize with ε drawn here, decode) and prints the
// reconstruction loss (BCE, summed) and the KL term, then decodes B latent
// vectors drawn from N(0, 1). Writes inputs.png, reconstructions.png and
// samples.png: one row of B tiles each.
//
// usage: kiln-vae-example VAE.kiln [--out DIR] [--seed S] [--device cpu|cuda]
//
//===----------------------------------------------------------------------===//

#include "kiln/Runtime/Session.h"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <random>
#include <string>
#include <vector>

namespace rt = kiln::rt;

namespace {

int fail(const std::string &message) {
  std::fprintf(stderr, "kiln-vae-example: error: %s\n", message.c_str());
  return 1;
}

uint32_t crc32(const uint8_t *p, size_t n, uint32_t crc = 0) {
  crc = ~crc;
  for (size_t i = 0; i < n; ++i) {
    crc ^= p[i];
    for (int k = 0; k < 8; ++k)
      crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

/// An 8-bit grayscale PNG, deflate with stored (uncompressed) blocks.
bool writePng(const std::string &path, int width, int height,
              const std::vector<uint8_t> &pixels) {
  std::vector<uint8_t> raw; // each row: filter byte 0, then the pixels
  for (int y = 0; y < height; ++y) {
    raw.push_back(0);
    raw.insert(raw.end(), pixels.begin() + y * width,
               pixels.begin() + (y + 1) * width);
  }
  std::vector<uint8_t> z = {0x78, 0x01};
  for (size_t at = 0; at < raw.size() || at == 0;) {
    size_t n = std::min<size_t>(65535, raw.size() - at);
    bool last = at + n == raw.size();
    z.push_back(last ? 1 : 0);
    z.push_back(n & 0xFF), z.push_back(n >> 8);
    z.push_back(~n & 0xFF), z.push_back((~n >> 8) & 0xFF);
    z.insert(z.end(), raw.begin() + at, raw.begin() + at + n);
    at += n;
    if (last)
      break;
  }
  uint32_t a = 1, b = 0;
  for (uint8_t v : raw)
    a = (a + v) % 65521, b = (b + a) % 65521;
  uint32_t adler = (b << 16) | a;
  for (int s = 24; s >= 0; s -= 8)
    z.push_back((adler >> s) & 0xFF);
  std::ofstream out(path, std::ios::binary);
  auto u32 = [&](uint32_t v) {
    for (int s = 24; s >= 0; s -= 8)
      out.put(static_cast<char>((v >> s) & 0xFF));
  };
  auto chunk = [&](const char *type, const std::vector<uint8_t> &data) {
    u32(static_cast<uint32_t>(data.size()));
    std::vector<uint8_t> td(type, type + 4);
    td.insert(td.end(), data.begin(), data.end());
    out.write(reinterpret_cast<const char *>(td.data()), td.size());
    u32(crc32(td.data(), td.size()));
  };
  out.write("\x89PNG\r\n\x1a\n", 8);
  std::vector<uint8_t> ihdr;
  for (uint32_t v : {uint32_t(width), uint32_t(height)})
    for (int s = 24; s >= 0; s -= 8)
      ihdr.push_back((v >> s) & 0xFF);
  ihdr.insert(ihdr.end(), {8, 0, 0, 0, 0}); // 8-bit gray, no interlace
  chunk("IHDR", ihdr);
  chunk("IDAT", z);
  chunk("IEND", {});
  return static_cast<bool>(out);
}

/// A [B, side²] tensor of values in [0, 1] as one row of B tiles.
bool saveTiles(const std::string &path, const rt::HostTensor &t, int side) {
  int count = static_cast<int>(t.shape[0]);
  std::vector<uint8_t> px(static_cast<size_t>(count) * side * side);
  for (int i = 0; i < count; ++i)
    for (int y = 0; y < side; ++y)
      for (int x = 0; x < side; ++x) {
        double v = t.getAsDouble((static_cast<int64_t>(i) * side + y) * side + x);
        px[static_cast<size_t>(y) * count * side + i * side + x] =
            static_cast<uint8_t>(std::lround(std::min(1.0, std::max(0.0, v)) * 255));
      }
  return writePng(path, count * side, side, px);
}

rt::HostTensor normal(std::vector<int64_t> shape, std::mt19937_64 &rng) {
  rt::HostTensor t = rt::HostTensor::zeros(rt::DType::F32, shape);
  std::normal_distribution<double> n(0.0, 1.0);
  for (int64_t i = 0; i < t.numElements(); ++i)
    t.setFromDouble(i, n(rng));
  return t;
}

} // namespace

int main(int argc, char **argv) {
  std::string model, outDir = ".", deviceName = "cpu";
  uint64_t seed = 0;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (a == "--out")
      outDir = value();
    else if (a == "--seed")
      seed = std::strtoull(value().c_str(), nullptr, 10);
    else if (a == "--device")
      deviceName = value();
    else if (a.rfind("-", 0) == 0)
      return fail("unknown option '" + a + "'");
    else
      model = a;
  }
  if (model.empty())
    return fail("usage: kiln-vae-example VAE.kiln [--out DIR] [--seed S] "
                "[--device cpu|cuda]");
  rt::Expected<rt::Model> loaded = rt::Model::load(model);
  if (!loaded)
    return fail(loaded.error().message());
  rt::Expected<std::shared_ptr<rt::Device>> device = rt::Device::open(deviceName);
  if (!device)
    return fail(device.error().message());
  rt::Expected<rt::Session> forward = loaded->createSession(*device, "forward");
  rt::Expected<rt::Session> decode = loaded->createSession(*device, "decode");
  if (!forward || !decode)
    return fail((!forward ? forward.error() : decode.error()).message());

  // The shapes come from the artifact: x [B, side²], eps [B, latent].
  const rt::EntryInfo *entry = nullptr;
  for (const rt::EntryInfo &e : loaded->artifact().manifest.entries)
    if (e.name == "forward")
      entry = &e;
  if (!entry || entry->inputs.size() != 2)
    return fail(model + " is not a VAE artifact (no forward(x, eps) entry)");
  int64_t batch = entry->inputs[0].shape[0], pixels = entry->inputs[0].shape[1],
          latent = entry->inputs[1].shape[1];
  int side = static_cast<int>(std::lround(std::sqrt(static_cast<double>(pixels))));
  if (static_cast<int64_t>(side) * side != pixels)
    return fail("the VAE's inputs have " + std::to_string(pixels) +
                " pixels, not a square image");

  // Synthetic images: a disc and a horizontal bar, placed per image.
  rt::HostTensor x = rt::HostTensor::zeros(rt::DType::F32, {batch, pixels});
  for (int64_t i = 0; i < batch; ++i)
    for (int y = 0; y < side; ++y)
      for (int c = 0; c < side; ++c) {
        double cx = side * (0.3 + 0.4 * ((i * 37) % 10) / 10.0), cy = side * 0.4;
        double r = std::hypot(c - cx, y - cy) / (0.25 * side);
        double disc = std::max(0.0, 1.0 - r * r);
        double bar = (y == side * 3 / 4 && c > side / 5 && c < side * 4 / 5) ? 0.9 : 0.0;
        x.setFromDouble(i * pixels + y * side + c, std::max(disc, bar));
      }
  std::mt19937_64 rng(seed);
  rt::TensorFile in;
  in.tensors.push_back({"x", x});
  in.tensors.push_back({"eps", normal({batch, latent}, rng)});
  rt::Expected<rt::TensorFile> out = forward->run(in);
  if (!out)
    return fail("forward: " + out.error().message());
  std::printf("reconstruction loss (BCE, summed over %lld images): %.4f\n",
              static_cast<long long>(batch), out->find("bce")->getAsDouble(0));
  std::printf("KL divergence: %.4f   loss: %.4f\n", out->find("kl")->getAsDouble(0),
              out->find("loss")->getAsDouble(0));

  rt::TensorFile zIn;
  zIn.tensors.push_back({"z", normal({batch, latent}, rng)});
  rt::Expected<rt::TensorFile> samples = decode->run(zIn);
  if (!samples)
    return fail("decode: " + samples.error().message());
  const std::pair<const char *, const rt::HostTensor *> images[] = {
      {"inputs.png", &x},
      {"reconstructions.png", out->find("recon")},
      {"samples.png", samples->find("images")}};
  for (auto [name, t] : images) {
    std::string path = outDir + "/" + name;
    if (!saveTiles(path, *t, side))
      return fail("cannot write " + path);
    std::printf("wrote %s (%lld images of %dx%d)\n", path.c_str(),
                static_cast<long long>(batch), side, side);
  }
  return 0;
}
