//===- ClipText.h - CLIP text encoder (Hugging Face) ----------------------===//
//
// Hugging Face CLIPTextModelWithProjection with its config.json keys and
// weight names (text_model.embeddings.{token_embedding,
// position_embedding}; text_model.encoder.layers.N.{layer_norm1,
// self_attn.{q,k,v,out}_proj, layer_norm2, mlp.{fc1,fc2}};
// text_model.final_layer_norm; text_projection). One entry:
//
//   @forward(input_ids [B, L] i64, attention_mask [B, L] i64) →
//       last_hidden_state [B, L, D] (after the final LayerNorm),
//       penultimate_hidden_state [B, L, D] (hidden_states[-2]: the input of
//       the last layer, as Stable Diffusion pipelines take it),
//       last_layer_hidden_state [B, L, D] (hidden_states[-1]: the last
//       layer's output before the final LayerNorm, as Stable Cascade's
//       prior takes it),
//       pooler_output [B, D] (the EOS row, by HF's rule for the config's
//       eos_token_id) and text_embeds [B, projection_dim].
//
// Attention is causal and keys whose attention_mask is 0 are masked.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_FRONTEND_MODELS_CLIPTEXT_H
#define KILN_FRONTEND_MODELS_CLIPTEXT_H

#include "kiln/Frontend/GraphBuilder.h"

namespace kiln::frontend {

/// The keys of HF's CLIPTextConfig that shape the graph (class defaults).
struct ClipTextConfig {
  int64_t vocabSize = 49408, hiddenSize = 512, intermediateSize = 2048;
  int64_t projectionDim = 512, numLayers = 12, numHeads = 8;
  int64_t maxPositionEmbeddings = 77;
  std::string hiddenAct = "quick_gelu";
  double layerNormEps = 1e-5;
  /// 2 selects HF's legacy pooling (the position of the largest token id).
  int64_t eosTokenId = 49407;
};

/// Reads config.json (CLIPTextConfig's keys, as the text_encoder folders
/// of diffusers pipelines hold them).
rt::Expected<ClipTextConfig> readClipTextConfig(const std::string &path);

/// Adds @forward for `batch` sequences of `seqLen` tokens (≤
/// max_position_embeddings) to `b`.
void buildClipText(GraphBuilder &b, const ClipTextConfig &config, int64_t batch,
                   int64_t seqLen);

} // namespace kiln::frontend

#endif // KILN_FRONTEND_MODELS_CLIPTEXT_H
