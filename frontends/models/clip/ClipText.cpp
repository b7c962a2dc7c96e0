//===- ClipText.cpp - CLIP text encoder -----------------------------------===//
//
// Follows transformers' modeling_clip.py (CLIPTextTransformer and
// CLIPTextModelWithProjection): token + position embeddings, pre-norm
// blocks of causal multi-head attention and an MLP, a final LayerNorm, the
// pooled EOS row and its projection.
//
//===----------------------------------------------------------------------===//

#include "kiln/Frontend/Models/ClipText.h"

#include "../../lib/Activation.h"
#include "../../lib/ConfigReader.h"

#include <cmath>

using mlir::Value;

namespace kiln::frontend {

rt::Expected<ClipTextConfig> readClipTextConfig(const std::string &path) {
  rt::Expected<ConfigReader> reader = ConfigReader::open(path, "CLIP text");
  if (!reader)
    return reader.error();
  ConfigReader &r = *reader;
  ClipTextConfig c;
  r.integer("vocab_size", c.vocabSize);
  r.integer("hidden_size", c.hiddenSize);
  r.integer("intermediate_size", c.intermediateSize);
  r.integer("projection_dim", c.projectionDim);
  r.integer("num_hidden_layers", c.numLayers);
  r.integer("num_attention_heads", c.numHeads);
  r.integer("max_position_embeddings", c.maxPositionEmbeddings);
  r.number("layer_norm_eps", c.layerNormEps, 0, /*minExclusive=*/false);
  r.activation("hidden_act", c.hiddenAct);
  r.integer("eos_token_id", c.eosTokenId, 0);
  // Training and initialization only.
  r.ignore({"attention_dropout", "dropout", "initializer_factor"});
  if (r.ok() && c.hiddenSize % c.numHeads != 0)
    r.fail("hidden_size " + std::to_string(c.hiddenSize) +
           " is not divisible by num_attention_heads " + std::to_string(c.numHeads));
  if (rt::Status s = r.finish(); !s)
    return s.error();
  return c;
}

namespace {

struct ClipText {
  GraphBuilder &b;
  const ClipTextConfig &c;
  int64_t batch, len;

  Value weight(const std::string &name, std::vector<int64_t> shape) {
    return b.param(name, shape, Elem::F32);
  }
  Value linear(const std::string &name, Value x, int64_t out, int64_t in) {
    return b.linear(x, weight(name + ".weight", {out, in}), weight(name + ".bias", {out}));
  }
  Value layerNorm(const std::string &name, Value x) {
    Value n = b.op1("kiln.layer_norm", {x}, {b.attr("eps", c.layerNormEps)});
    return b.add(b.mul(n, weight(name + ".weight", {c.hiddenSize})),
                 weight(name + ".bias", {c.hiddenSize}));
  }

  Value layer(int64_t i, Value h, Value keyMask) {
    std::string p = "text_model.encoder.layers." + std::to_string(i) + ".";
    int64_t d = c.hiddenSize, heads = c.numHeads, hd = d / heads;
    auto split = [&](Value x) {
      return b.transpose(b.reshape(x, {batch, len, heads, hd}), {0, 2, 1, 3});
    };
    Value x = layerNorm(p + "layer_norm1", h);
    Value q = split(linear(p + "self_attn.q_proj", x, d, d));
    Value k = split(linear(p + "self_attn.k_proj", x, d, d));
    Value v = split(linear(p + "self_attn.v_proj", x, d, d));
    Value attn = b.op1("kiln.attention", {q, k, v, keyMask},
                       {b.attr("scale", 1.0 / std::sqrt(double(hd))), b.attr("causal", true)});
    attn = b.reshape(b.transpose(attn, {0, 2, 1, 3}), {batch, len, d});
    h = b.add(h, linear(p + "self_attn.out_proj", attn, d, d));
    Value y = layerNorm(p + "layer_norm2", h);
    y = activation(b, c.hiddenAct, linear(p + "mlp.fc1", y, c.intermediateSize, d));
    return b.add(h, linear(p + "mlp.fc2", y, d, c.intermediateSize));
  }

  void forward() {
    int64_t d = c.hiddenSize;
    b.beginFunction("forward");
    Value ids = b.input("input_ids", {batch, len}, Elem::I64);
    Value mask = b.input("attention_mask", {batch, len}, Elem::I64);
    Value tokens = b.op1("kiln.gather",
                         {weight("text_model.embeddings.token_embedding.weight", {c.vocabSize, d}), ids},
                         {b.attr("axis", int64_t(0))});
    Value positions = b.sliceAxis(
        weight("text_model.embeddings.position_embedding.weight", {c.maxPositionEmbeddings, d}), 0,
        0, len);
    Value h = b.add(tokens, positions);
    // Keys with attention_mask 0 are hidden from every query.
    Value keyMask = b.reshape(b.compare(mask, b.scalarLike(0, mask), "ne"), {batch, 1, 1, len});
    Value penultimate = h;
    for (int64_t i = 0; i < c.numLayers; ++i) {
      if (i + 1 == c.numLayers)
        penultimate = h;
      h = layer(i, h, keyMask);
    }
    Value lastLayer = h;
    h = layerNorm("text_model.final_layer_norm", h);
    // The EOS row: HF takes the largest id when eos_token_id is 2 (its
    // configs before transformers#24773), else the first eos_token_id.
    Value score = c.eosTokenId == 2
                      ? ids
                      : b.cast(b.compare(ids, b.scalarLike(double(c.eosTokenId), ids), "eq"),
                               Elem::I64);
    Value at = b.op1("kiln.argmax", {score}, {b.attr("axis", int64_t(1))}); // [B]
    Value rowStart = b.mul(b.op1("kiln.iota", {}, {b.attr("dim", int64_t(0))},
                                 {b.type({batch}, Elem::I64)}),
                           b.scalarLike(double(len), at));
    Value pooled = b.op1("kiln.gather", {b.reshape(h, {batch * len, d}), b.add(rowStart, at)},
                         {b.attr("axis", int64_t(0))});
    b.output("last_hidden_state", h);
    b.output("penultimate_hidden_state", penultimate);
    b.output("last_layer_hidden_state", lastLayer);
    b.output("pooler_output", pooled);
    b.output("text_embeds",
             b.matmul(pooled, weight("text_projection.weight", {c.projectionDim, d}), false,
                      /*transposeB=*/true));
    b.endFunction();
  }
};

} // namespace

void buildClipText(GraphBuilder &b, const ClipTextConfig &config, int64_t batch,
                   int64_t seqLen) {
  // HF stores position_ids as a buffer in older checkpoints.
  b.redundantWeight("text_model.embeddings.position_ids");
  ClipText{b, config, batch, seqLen}.forward();
}

} // namespace kiln::frontend
