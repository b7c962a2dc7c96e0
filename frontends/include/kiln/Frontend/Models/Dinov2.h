//===- Dinov2.h - DINOv2 with registers (Hugging Face) --------------------===//
//
// Hugging Face Dinov2WithRegistersModel with its config.json keys and the
// weight names its checkpoints store (embeddings.{cls_token,
// register_tokens, position_embeddings, patch_embeddings.projection};
// encoder.layer.N.{norm1, attention.attention.{query,key,value},
// attention.output.dense, layer_scale1.lambda1, norm2, mlp.{fc1,fc2} or
// mlp.{weights_in,weights_out} (SwiGLU), layer_scale2.lambda1}; layernorm).
// One entry:
//
//   @forward(pixel_values [B, C, H, W]) → last_hidden_state [B, 1 + R + N, D]
//       (CLS, the R registers, the N patches, after the final LayerNorm, as
//       HF returns it), pooler_output [B, D] (its CLS row), and
//       cls_attention [B, heads, H/p, W/p]: the last layer's attention of
//       the CLS query on each patch (softmax over every key, registers
//       included).
//
// Position embeddings are resized (bicubic, antialiased, as HF's
// interpolate_pos_encoding) when the patch grid differs from the config's.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_FRONTEND_MODELS_DINOV2_H
#define KILN_FRONTEND_MODELS_DINOV2_H

#include "kiln/Frontend/GraphBuilder.h"

namespace kiln::frontend {

/// The keys of HF's Dinov2WithRegistersConfig that shape the graph.
struct Dinov2Config {
  int64_t hiddenSize = 768, numLayers = 12, numHeads = 12;
  int64_t headDim = 0; // 0: hidden / heads
  double mlpRatio = 4.0;
  std::string hiddenAct = "gelu";
  double layerNormEps = 1e-6;
  int64_t imageSize = 224, patchSize = 16, numChannels = 3;
  bool qkvBias = true, useSwiglu = false;
  int64_t numRegisterTokens = 4;

  int64_t headDimension() const { return headDim > 0 ? headDim : hiddenSize / numHeads; }
  int64_t gridSize() const { return imageSize / patchSize; }
  /// The MLP's hidden width (SwiGLU: two thirds, rounded up to 8).
  int64_t mlpHidden() const {
    int64_t h = int64_t(double(hiddenSize) * mlpRatio);
    return useSwiglu ? (int64_t(double(h) * 2 / 3) + 7) / 8 * 8 : h;
  }
};

rt::Expected<Dinov2Config> readDinov2Config(const std::string &path);

/// Adds @forward for `batch` images of `height` x `width` (at least one
/// patch each way) to `b`.
void buildDinov2(GraphBuilder &b, const Dinov2Config &config, int64_t batch,
                 int64_t height, int64_t width);

} // namespace kiln::frontend

#endif // KILN_FRONTEND_MODELS_DINOV2_H
