//===- Llama.h - Llama-style decoder (Hugging Face LlamaForCausalLM) ------===//
//
// Hugging Face LlamaForCausalLM with its config.json keys and weight names
// (model.embed_tokens.weight; model.layers.N.{input_layernorm,
// self_attn.{q,k,v,o}_proj, post_attention_layernorm, mlp.{gate,up,down}_proj};
// model.norm.weight; lm_head.weight unless tied). Entries, for a batch of B
// sequences and KV caches of a capacity S fixed at compile time:
//
//   @forward(input_ids [B, L] i64) → logits [B, L, V] (positions 0 … L − 1;
//       with `s2Attn`, LongLoRA's shifted sparse attention, group L/4);
//   @prefill(input_ids [B, L], positions [B, L] i64, k_cache.i, v_cache.i
//       [B, Hk, S, head_dim] …) → logits [B, 1, V] of the last position, and
//       the caches with rows 0 … L − 1 written, tied to their inputs;
//   @prefill_fastgen (with `fastgen`): prefill's inputs plus token_class
//       [V] i32 (1 special, 2 punctuation, 0 other) and threshold [] f32 →
//       prefill's results with each KV head's cache compacted to the rows
//       FastGen's policy keeps, cache_lens [layers, B, Hk] i32 and the
//       policy [layers, B, Hk] i64 chosen per head;
//   @decode(input_ids [B, T], positions [B, T], cache_lens [layers, B, Hk]
//       i32, k_cache.i, v_cache.i …) → logits [B, T, V] and the caches with
//       rows cache_lens … cache_lens + T − 1 written; each head attends to
//       its own first cache_lens + T rows (per-layer, per-head lengths, as
//       FastGen's compacted caches need).
//
// Prefill followed by decode steps computes what forward computes for the
// whole sequence (docs/models.md, Llama).
//
//===----------------------------------------------------------------------===//

#ifndef KILN_FRONTEND_MODELS_LLAMA_H
#define KILN_FRONTEND_MODELS_LLAMA_H

#include "kiln/Frontend/GraphBuilder.h"

namespace kiln::frontend {

/// The keys of HF's LlamaConfig that shape the graph (class defaults).
struct LlamaConfig {
  int64_t vocabSize = 32000, hiddenSize = 4096, intermediateSize = 11008;
  int64_t numLayers = 32, numHeads = 32;
  int64_t numKvHeads = 0; // 0: num_attention_heads
  int64_t headDim = 0;    // 0: hidden_size / num_attention_heads
  int64_t maxPositionEmbeddings = 2048;
  double rmsNormEps = 1e-6;
  std::string hiddenAct = "silu";
  bool attentionBias = false, mlpBias = false, tieWordEmbeddings = false;
  /// The <pause> token (Goyal et al., "Think before you speak"): −1 for
  /// none; an id inside the vocabulary is a pause-trained checkpoint's own;
  /// vocab_size itself adds one row to the embedding and the head (each
  /// the mean of the existing rows). Its logit is always −∞.
  int64_t pauseTokenId = -1;
  /// The vocabulary the graphs see: one more with an added <pause>.
  int64_t graphVocab() const {
    return pauseTokenId == vocabSize ? vocabSize + 1 : vocabSize;
  }

  /// RoPE: rope_theta and rope_scaling / rope_parameters.
  double ropeTheta = 10000.0;
  std::string ropeType = "default"; // default, linear, dynamic, yarn
  double ropeFactor = 1.0;
  int64_t originalMaxPositions = 0; // yarn
  double betaFast = 32.0, betaSlow = 1.0;
  double attentionFactor = 0.0; // yarn: 0 means the default formula
  bool truncate = true;

  int64_t kvHeads() const { return numKvHeads > 0 ? numKvHeads : numHeads; }
  int64_t headDimension() const {
    return headDim > 0 ? headDim : hiddenSize / numHeads;
  }
};

/// Reads config.json; a key it does not honour (or a rope type it does not
/// build) is an error naming the file and the key. `pauseTokenId` ≥ 0 (a
/// flag) sets the <pause> id, which must then agree with the config's
/// `pause_token_id` if it has one.
rt::Expected<LlamaConfig> readLlamaConfig(const std::string &path,
                                          int64_t pauseTokenId = -1);

/// Adds @forward, @prefill (`seqLen` tokens), with `fastgen`
/// @prefill_fastgen, and @decode (`decodeTokens` per step) over caches of
/// `cacheLen` rows of `cacheElem` (f32, or the 16-bit type a program runs
/// in, so the caches are never converted whole) to `b`.
void buildLlama(GraphBuilder &b, const LlamaConfig &config, int64_t batch,
                int64_t seqLen, int64_t cacheLen, int64_t decodeTokens,
                bool s2Attn, bool fastgen, Elem cacheElem = Elem::F32);

} // namespace kiln::frontend

#endif // KILN_FRONTEND_MODELS_LLAMA_H
