//===- Mamba.h - Mamba-1 language model graphs ----------------------------===//
//
// Hugging Face MambaForCausalLM as two kiln functions sharing one set of
// weights (HF names: backbone.embeddings.weight, backbone.layers.N.norm /
// .mixer.{in_proj, conv1d, x_proj, dt_proj, A_log, D, out_proj},
// backbone.norm_f.weight; the LM head is the embedding when tied, else
// lm_head.weight):
//
//   @prefill(input_ids [B, L] i64) → logits [B, L, V], and per layer i
//       conv_state.i [B, E, K] (the last K inputs of the conv) and
//       ssm_state.i [B, E, N] (the scan's last state);
//   @decode(input_ids [B, 1], conv_state.i, ssm_state.i …) → logits
//       [B, 1, V] and the updated states, tied to their inputs.
//
// Prefill followed by decode steps computes what one prefill of the whole
// sequence computes (docs/models.md, Mamba-1).
//
//===----------------------------------------------------------------------===//

#ifndef KILN_FRONTEND_MODELS_MAMBA_H
#define KILN_FRONTEND_MODELS_MAMBA_H

#include "kiln/Frontend/GraphBuilder.h"

namespace kiln::frontend {

/// The keys of HF's MambaConfig that shape the graph.
struct MambaConfig {
  int64_t hiddenSize = 768;
  int64_t stateSize = 16;
  int64_t numLayers = 32;
  int64_t expand = 2;
  int64_t convKernel = 4;
  int64_t timeStepRank = 0; // "auto": ⌈hidden / 16⌉
  int64_t vocabSize = 50280;
  bool useBias = false;
  bool useConvBias = true;
  double layerNormEpsilon = 1e-5;
  std::string hiddenAct = "silu"; // transformers' ACT2FN name
  bool residualInFp32 = true;     // the residual stream stays f32
  bool tieWordEmbeddings = true;  // else lm_head.weight is its own weight

  int64_t inner() const { return expand * hiddenSize; }
  int64_t dtRank() const {
    return timeStepRank > 0 ? timeStepRank : (hiddenSize + 15) / 16;
  }
};

/// Reads config.json (missing keys keep HF's defaults); a key it does not
/// honour is an error naming the file and the key.
rt::Expected<MambaConfig> readMambaConfig(const std::string &path);

/// Adds @prefill (for `seqLen` tokens) and @decode to `b`.
void buildMamba(GraphBuilder &b, const MambaConfig &config, int64_t batch,
                int64_t seqLen);

} // namespace kiln::frontend

#endif // KILN_FRONTEND_MODELS_MAMBA_H
