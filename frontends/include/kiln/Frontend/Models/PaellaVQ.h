//===- PaellaVQ.h - diffusers' PaellaVQModel (Stable Cascade's stage A) ---===//
//
// diffusers' PaellaVQModel (pipelines/wuerstchen/modeling_paella_vq_model.py)
// with its config.json keys and weight names (in_block.1, down_blocks.N —
// MixingResidualBlocks {gammas, depthwise.1, channelwise.{0,2}} and 4x4
// stride-2 convolutions, the last one .0 conv and .1 BatchNorm —,
// up_blocks.N with 4x4 stride-2 transposed convolutions, out_block.0).
// Entries, with the latent scaling the Stable Cascade decoder pipeline
// applies (`scale_factor` from the config):
//
//   @decode(latents [B, latent, h, w]) → image [B, out, H, W]
//       = clamp(decode(scale_factor · latents), 0, 1), no codebook lookup
//       (the pipeline decodes unquantized latents);
//   @encode(image [B, in, H, W]) → latents = encode(image) / scale_factor,
//       so that decode(encode(x)) reconstructs x;
//
// with H = h · up_down_scale_factor · 2^(levels − 1).
//
//===----------------------------------------------------------------------===//

#ifndef KILN_FRONTEND_MODELS_PAELLAVQ_H
#define KILN_FRONTEND_MODELS_PAELLAVQ_H

#include "kiln/Frontend/GraphBuilder.h"

namespace kiln::frontend {

struct PaellaVQConfig {
  int64_t inChannels = 3, outChannels = 3, upDownScaleFactor = 2, levels = 2;
  int64_t bottleneckBlocks = 12, embedDim = 384, latentChannels = 4;
  int64_t numVqEmbeddings = 8192;
  double scaleFactor = 0.3764;
  /// Image pixels per latent along each side.
  int64_t factor() const { return upDownScaleFactor << (levels - 1); }
};

/// Reads diffusers' config.json; unknown keys and sizes the levels cannot
/// halve are errors naming the key.
rt::Expected<PaellaVQConfig> readPaellaVQConfig(const std::string &path);

/// Adds @decode and @encode for images of `height` x `width` (multiples of
/// factor()) to `b`.
void buildPaellaVQ(GraphBuilder &b, const PaellaVQConfig &config, int64_t batch,
                   int64_t height, int64_t width);

} // namespace kiln::frontend

#endif // KILN_FRONTEND_MODELS_PAELLAVQ_H
