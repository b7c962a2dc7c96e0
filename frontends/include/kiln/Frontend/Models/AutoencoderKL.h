//===- AutoencoderKL.h - diffusers' AutoencoderKL (the SD VAE) ------------===//
//
// diffusers' AutoencoderKL (autoencoders/autoencoder_kl.py, vae.py,
// resnet.py, attention_processor.py) with its config.json keys and weight
// names (encoder.conv_in, encoder.down_blocks.N.resnets.M.{norm1, conv1,
// norm2, conv2, conv_shortcut}, …downsamplers.0.conv, encoder.mid_block.
// {resnets.0, attentions.0.{group_norm, to_q, to_k, to_v, to_out.0},
// resnets.1}, encoder.conv_norm_out, encoder.conv_out, quant_conv,
// post_quant_conv, decoder.… with up_blocks and upsamplers). Entries:
//
//   @encode(x [B, in, H, W], eps [B, latent, H/f, W/f]) → mean, logvar
//       (clamped to [−30, 20]) and latents = mean + exp(½·logvar)·eps;
//   @decode(z [B, latent, H/f, W/f]) → sample [B, out, H, W].
//
// Scaling by `scaling_factor` is the caller's (diffusers leaves it to the
// pipeline too).
//
//===----------------------------------------------------------------------===//

#ifndef KILN_FRONTEND_MODELS_AUTOENCODERKL_H
#define KILN_FRONTEND_MODELS_AUTOENCODERKL_H

#include "kiln/Frontend/GraphBuilder.h"

namespace kiln::frontend {

struct AutoencoderKLConfig {
  int64_t inChannels = 3, outChannels = 3, latentChannels = 4;
  std::vector<int64_t> blockOutChannels = {128, 256, 512, 512};
  int64_t layersPerBlock = 2;
  int64_t normNumGroups = 32;
  bool useQuantConv = true, usePostQuantConv = true;
  bool midBlockAddAttention = true;
  double scalingFactor = 0.18215;

  /// Spatial downsampling of the encoder: 2^(blocks − 1).
  int64_t factor() const {
    return int64_t(1) << (blockOutChannels.size() - 1);
  }
};

/// Reads diffusers' config.json; unsupported choices (other block types,
/// act_fn other than silu) are errors naming the key.
rt::Expected<AutoencoderKLConfig> readAutoencoderKLConfig(const std::string &path);

/// Adds @encode and @decode for images of `height` x `width` (multiples of
/// the downsampling factor) to `b`.
void buildAutoencoderKL(GraphBuilder &b, const AutoencoderKLConfig &config,
                        int64_t batch, int64_t height, int64_t width);

} // namespace kiln::frontend

#endif // KILN_FRONTEND_MODELS_AUTOENCODERKL_H
