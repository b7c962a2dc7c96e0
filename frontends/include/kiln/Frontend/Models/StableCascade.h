//===- StableCascade.h - diffusers' StableCascadeUNet (stages B and C) ----===//
//
// diffusers' StableCascadeUNet (models/unets/unet_stable_cascade.py) with its
// config.json keys and weight names. One network serves stage C (the text-
// conditional prior: CLIP text, pooled text and image conditioning) and
// stage B (the decoder: pooled text, plus stage C's latents through the
// effnet mapper and the pixel mapper). Entry:
//
//   @forward(sample [B, in, H, W], timestep_ratio [B],
//            clip_text_pooled [B, Sp, clip_text_pooled_in_channels],
//            clip_text [B, Lt, clip_text_in_channels]     (when the config
//            clip_img [B, Si, clip_image_in_channels]      has both),
//            effnet [B, effnet_in_channels, He, We]        (when the config
//                                                           has effnet))
//       → sample [B, out, H, W] (the predicted noise).
//
// As the pipelines call it: `pixels` is the forward's default (zeros,
// 8 x 8) and every timestep condition other than the ratio (`sca`, `crp`)
// is zero. Weight names: embedding.{1}, clf.{1}, clip_txt_pooled_mapper,
// clip_txt_mapper, clip_img_mapper, effnet_mapper.{0,2}, pixels_mapper.
// {0,2}, down_blocks.L.N / up_blocks.L.N (channelwise.{0,2,4} and
// depthwise of a ResBlock, mapper[_cond] of a TimestepBlock, kv_mapper.1
// and attention.to_{q,k,v,out.0} of an AttnBlock), down_downscalers.L.1,
// up_upscalers.L.1 (or their .blocks.N mapping conv with switch_level),
// down_repeat_mappers.L.N, up_repeat_mappers.L.N.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_FRONTEND_MODELS_STABLECASCADE_H
#define KILN_FRONTEND_MODELS_STABLECASCADE_H

#include "kiln/Frontend/GraphBuilder.h"

#include <string>
#include <vector>

namespace kiln::frontend {

/// The block kinds of block_types_per_layer, by diffusers' class names.
enum class CascadeBlock { Res, Timestep, Attn };

/// The keys of StableCascadeUNet's config, at diffusers' class defaults
/// (stage C's 3.6B shape). A channel count of 0 means the key is null (no
/// such input).
struct StableCascadeUNetConfig {
  int64_t inChannels = 16, outChannels = 16;
  int64_t timestepRatioEmbeddingDim = 64, patchSize = 1, conditioningDim = 2048;
  std::vector<int64_t> blockOutChannels = {2048, 2048};
  std::vector<int64_t> numAttentionHeads = {32, 32};
  std::vector<int64_t> downNumLayersPerBlock = {8, 24}, upNumLayersPerBlock = {24, 8};
  std::vector<int64_t> downBlocksRepeatMappers = {1, 1}, upBlocksRepeatMappers = {1, 1};
  std::vector<std::vector<CascadeBlock>> blockTypesPerLayer = {
      {CascadeBlock::Res, CascadeBlock::Timestep, CascadeBlock::Attn},
      {CascadeBlock::Res, CascadeBlock::Timestep, CascadeBlock::Attn}};
  int64_t clipTextInChannels = 0, clipTextPooledInChannels = 1280;
  int64_t clipImageInChannels = 0, clipSeq = 4;
  int64_t effnetInChannels = 0, pixelMapperInChannels = 0;
  int64_t kernelSize = 3;
  std::vector<bool> selfAttn = {true, true};
  std::vector<std::string> timestepConditioningType = {"sca", "crp"};
  /// Empty: levels change by strided convolutions (stage B); else per level
  /// change, a 1x1 convolution with (true) or without bilinear resampling.
  std::vector<bool> switchLevel;

  /// diffusers conditions on CLIP text and image tokens only when it has
  /// both mappers (and is given both); otherwise on the pooled text alone.
  bool textAndImage() const {
    return clipTextInChannels > 0 && clipImageInChannels > 0;
  }
  size_t levels() const { return blockOutChannels.size(); }
};

/// Reads diffusers' config.json; anything Kiln does not build exactly
/// (an unknown block type, lists of the wrong length, heads that do not
/// divide the channels) is an error naming the key.
rt::Expected<StableCascadeUNetConfig>
readStableCascadeUNetConfig(const std::string &path);

/// The sizes of the forward's inputs that the config does not fix.
struct StableCascadeShape {
  int64_t batch = 1, height = 24, width = 24;
  int64_t pooledTokens = 1, textTokens = 77, imageTokens = 1;
  /// effnet's spatial size (stage C's latents).
  int64_t effnetHeight = 24, effnetWidth = 24;
};

/// Adds @forward for `shape` to `b`.
void buildStableCascadeUNet(GraphBuilder &b, const StableCascadeUNetConfig &config,
                            const StableCascadeShape &shape);

} // namespace kiln::frontend

#endif // KILN_FRONTEND_MODELS_STABLECASCADE_H
