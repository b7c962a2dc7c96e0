//===- vit_embed.cpp - image embeddings and CLS attention with DINOv2 -----===//
//
// Runtime only: loads a .kiln built by
//   kilnc compile --model dinov2 --config config.json --weights model.safetensors
//       [--height H --width W] -o dinov2.kiln
// reads a PNG (gray, RGB or with alpha; alpha is dropped, gray replicated,
// as image processors convert to RGB), resizes it bilinearly to the
// artifact's input size, scales to [0, 1] and normalizes with the ImageNet
// mean and standard deviation (DINOv2's processor), runs `forward`, and
// writes:
//   - the embedding (pooler_output, the CLS row) and the patch tokens to
//     OUT.safetensors, and prints its first values and its norm;
//   - the last layer's CLS attention over the patches, averaged over the
//     heads, as a heat map PNG (black → red → yellow → white), upscaled so
//     each patch is a square of --cell pixels.
//
// usage: kiln-vit-embed MODEL.kiln IMAGE.png --out DIR [--cell 16]
//            [--device cpu|cuda]
//
//===----------------------------------------------------------------------===//

#include "kiln/Runtime/Files.h"
#include "kiln/Runtime/Safetensors.h"
#include "kiln/Runtime/Session.h"

#include "Png.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

namespace rt = kiln::rt;

namespace {

int fail(const std::string &message) {
  std::fprintf(stderr, "kiln-vit-embed: error: %s\n", message.c_str());
  return 1;
}

struct Image {
  int width = 0, height = 0;
  std::vector<float> rgb; // row-major, 3 floats per pixel in [0, 1]
};

/// The PNG at `path` as RGB floats in [0, 1].
rt::Expected<Image> readImage(const std::string &path) {
  rt::Expected<kiln::examples::RgbImage> png = kiln::examples::readPng(path);
  if (!png)
    return png.error();
  Image out;
  out.width = png->width;
  out.height = png->height;
  out.rgb.resize(png->rgb.size());
  for (size_t i = 0; i < png->rgb.size(); ++i)
    out.rgb[i] = float(png->rgb[i]) / 255.0f;
  return out;
}

/// Bilinear resize (half-pixel centers, as PyTorch's align_corners=False).
float sample(const Image &im, int c, float y, float x) {
  y = std::clamp(y, 0.0f, float(im.height - 1));
  x = std::clamp(x, 0.0f, float(im.width - 1));
  int y0 = int(y), x0 = int(x);
  int y1 = std::min(y0 + 1, im.height - 1), x1 = std::min(x0 + 1, im.width - 1);
  float fy = y - float(y0), fx = x - float(x0);
  auto at = [&](int yy, int xx) { return im.rgb[(size_t(yy) * im.width + xx) * 3 + c]; };
  return (1 - fy) * ((1 - fx) * at(y0, x0) + fx * at(y0, x1)) +
         fy * ((1 - fx) * at(y1, x0) + fx * at(y1, x1));
}

/// Black → red → yellow → white for t in [0, 1].
void heat(float t, unsigned char *rgb) {
  t = std::clamp(t, 0.0f, 1.0f);
  rgb[0] = (unsigned char)std::lround(255 * std::min(1.0f, 3 * t));
  rgb[1] = (unsigned char)std::lround(255 * std::clamp(3 * t - 1, 0.0f, 1.0f));
  rgb[2] = (unsigned char)std::lround(255 * std::clamp(3 * t - 2, 0.0f, 1.0f));
}

} // namespace

int main(int argc, char **argv) {
  std::string modelPath, imagePath, outDir, deviceName = "cpu";
  int cell = 16;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    std::string v = i + 1 < argc ? argv[i + 1] : "";
    if (a == "--out" || a == "--device" || a == "--cell") {
      if (i + 1 >= argc)
        return fail(a + " needs a value");
      ++i;
      if (a == "--out")
        outDir = v;
      else if (a == "--device")
        deviceName = v;
      else if (v.empty() || v.size() > 3 || v.find_first_not_of("0123456789") != std::string::npos ||
               (cell = std::stoi(v)) < 1)
        return fail("--cell takes a positive integer (pixels per patch), got '" + v + "'");
    } else if (a.rfind("-", 0) == 0) {
      return fail("unknown option '" + a + "'");
    } else if (modelPath.empty()) {
      modelPath = a;
    } else if (imagePath.empty()) {
      imagePath = a;
    } else {
      return fail("unexpected argument '" + a + "'");
    }
  }
  if (modelPath.empty() || imagePath.empty() || outDir.empty())
    return fail("usage: kiln-vit-embed MODEL.kiln IMAGE.png --out DIR [--cell 16] "
                "[--device cpu|cuda]");

  rt::Expected<rt::Model> model = rt::Model::load(modelPath);
  if (!model)
    return fail(model.error().message());
  const rt::EntryInfo *entry = model->manifest().findEntry("forward");
  const rt::TensorInfo *input = entry && entry->inputs.size() == 1 ? &entry->inputs[0] : nullptr;
  if (!input || input->name != "pixel_values" || input->shape.size() != 4)
    return fail(modelPath + " is not a DINOv2 artifact (an entry forward(pixel_values "
                "[B, C, H, W]))");
  int64_t channels = input->shape[1], height = input->shape[2], width = input->shape[3];
  if (input->shape[0] != 1 || channels != 3)
    return fail("the artifact takes pixel_values " + rt::formatShape(input->shape) +
                "; this example feeds one RGB image (kilnc compile --batch 1, "
                "num_channels 3)");
  rt::Expected<Image> image = readImage(imagePath);
  if (!image)
    return fail(image.error().message());

  // Resize, then normalize with the ImageNet statistics.
  const float mean[3] = {0.485f, 0.456f, 0.406f}, stdev[3] = {0.229f, 0.224f, 0.225f};
  rt::HostTensor pixels = rt::HostTensor::zeros(rt::DType::F32, input->shape);
  float sy = float(image->height) / float(height), sx = float(image->width) / float(width);
  for (int c = 0; c < 3; ++c)
    for (int64_t y = 0; y < height; ++y)
      for (int64_t x = 0; x < width; ++x) {
        float v = sample(*image, c, (float(y) + 0.5f) * sy - 0.5f, (float(x) + 0.5f) * sx - 0.5f);
        pixels.setFromDouble((c * height + y) * width + x, (v - mean[c]) / stdev[c]);
      }

  rt::Expected<std::shared_ptr<rt::Device>> device = rt::Device::open(deviceName);
  if (!device)
    return fail(device.error().message());
  rt::Expected<rt::Session> session = model->createSession(*device, "forward");
  if (!session)
    return fail(session.error().message());
  rt::TensorFile in;
  in.tensors.push_back({"pixel_values", pixels});
  rt::Expected<rt::TensorFile> out = session->run(in);
  if (!out)
    return fail("forward: " + out.error().message());
  const rt::HostTensor *pooled = out->find("pooler_output");
  const rt::HostTensor *attention = out->find("cls_attention");
  const rt::HostTensor *hidden = out->find("last_hidden_state");
  if (!pooled || !attention || !hidden)
    return fail(modelPath + " lacks pooler_output, cls_attention or last_hidden_state");

  double norm = 0;
  std::printf("embedding (%lld values):", static_cast<long long>(pooled->numElements()));
  for (int64_t i = 0; i < pooled->numElements(); ++i) {
    norm += pooled->getAsDouble(i) * pooled->getAsDouble(i);
    if (i < 6)
      std::printf(" %.4f", pooled->getAsDouble(i));
  }
  std::printf(" … (L2 norm %.4f)\n", std::sqrt(norm));

  // The patch tokens: the last rows of last_hidden_state (after CLS and
  // the registers).
  int64_t heads = attention->shape[1], gh = attention->shape[2], gw = attention->shape[3];
  int64_t tokens = hidden->shape[1], dim = hidden->shape[2], patches = gh * gw;
  rt::HostTensor patchTokens = rt::HostTensor::zeros(hidden->dtype, {1, patches, dim});
  for (int64_t p = 0; p < patches * dim; ++p)
    patchTokens.setFromDouble(p, hidden->getAsDouble((tokens - patches) * dim + p));
  rt::TensorFile embeddings;
  embeddings.tensors.push_back({"embedding", *pooled});
  embeddings.tensors.push_back({"patch_tokens", patchTokens});
  std::string stem = imagePath.substr(imagePath.find_last_of('/') + 1);
  stem = stem.substr(0, stem.rfind('.'));
  if (rt::Status s = rt::writeSafetensors(outDir + "/" + stem + ".embedding.safetensors", embeddings);
      !s)
    return fail(s.error().message());

  // The heat map: the mean over heads, scaled to its own range.
  std::vector<float> map(size_t(patches), 0.0f);
  for (int64_t h = 0; h < heads; ++h)
    for (int64_t p = 0; p < patches; ++p)
      map[size_t(p)] += float(attention->getAsDouble(h * patches + p)) / float(heads);
  auto [lo, hi] = std::minmax_element(map.begin(), map.end());
  float low = *lo, range = std::max(*hi - *lo, 1e-12f);
  int w = int(gw * cell), h = int(gh * cell);
  kiln::examples::RgbImage heatMap{w, h, std::vector<unsigned char>(size_t(w) * h * 3)};
  std::vector<unsigned char> &rgb = heatMap.rgb;
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x)
      heat((map[size_t(y / cell) * gw + x / cell] - low) / range, &rgb[(size_t(y) * w + x) * 3]);
  std::string heatPath = outDir + "/" + stem + ".cls_attention.png";
  if (rt::Status s = kiln::examples::writePng(heatPath, heatMap); !s)
    return fail(s.error().message());
  std::printf("CLS attention of the last layer (%lld heads over %lld x %lld patches, max %.3f "
              "at patch %lld): %s\n",
              static_cast<long long>(heads), static_cast<long long>(gh),
              static_cast<long long>(gw), *hi,
              static_cast<long long>(hi - map.begin()), heatPath.c_str());
  return 0;
}
