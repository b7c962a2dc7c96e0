//===- Dinov2.cpp - DINOv2 with registers ---------------------------------===//
//
// Follows transformers' modeling_dinov2_with_registers.py: patch conv, CLS,
// position embeddings (resized when the grid differs), registers inserted
// after CLS without position embedding, pre-norm blocks with LayerScale,
// a final LayerNorm.
//
//===----------------------------------------------------------------------===//

#include "kiln/Frontend/Models/Dinov2.h"

#include "../../lib/Activation.h"
#include "../../lib/ConfigReader.h"

#include <cmath>

using mlir::Value;

namespace kiln::frontend {

rt::Expected<Dinov2Config> readDinov2Config(const std::string &path) {
  rt::Expected<ConfigReader> reader = ConfigReader::open(path, "DINOv2");
  if (!reader)
    return reader.error();
  ConfigReader &r = *reader;
  Dinov2Config c;
  r.integer("hidden_size", c.hiddenSize);
  r.integer("num_hidden_layers", c.numLayers);
  r.integer("num_attention_heads", c.numHeads);
  r.integer("head_dim", c.headDim);
  r.number("mlp_ratio", c.mlpRatio, 0, /*minExclusive=*/true);
  r.activation("hidden_act", c.hiddenAct);
  r.number("layer_norm_eps", c.layerNormEps, 0, /*minExclusive=*/false);
  r.integer("image_size", c.imageSize);
  r.integer("patch_size", c.patchSize);
  r.integer("num_channels", c.numChannels);
  r.boolean("qkv_bias", c.qkvBias);
  r.boolean("use_swiglu_ffn", c.useSwiglu);
  r.integer("num_register_tokens", c.numRegisterTokens, 0);
  // Training (dropout, stochastic depth), initialization (layerscale_value:
  // the loaded lambdas hold the values), and the backbone head's choices
  // (the model, unlike Dinov2WithRegistersBackbone, always applies its
  // final LayerNorm and returns every token).
  r.ignore({"hidden_dropout_prob", "attention_probs_dropout_prob", "drop_path_rate",
            "layerscale_value", "apply_layernorm", "out_features", "out_indices",
            "stage_names", "reshape_hidden_states"});
  if (r.ok() && c.headDim == 0 && c.hiddenSize % c.numHeads != 0)
    r.fail("hidden_size " + std::to_string(c.hiddenSize) +
           " is not divisible by num_attention_heads " + std::to_string(c.numHeads));
  if (r.ok() && c.imageSize < c.patchSize)
    r.fail("image_size " + std::to_string(c.imageSize) + " is smaller than patch_size " +
           std::to_string(c.patchSize));
  if (rt::Status s = r.finish(); !s)
    return s.error();
  return c;
}

namespace {

struct Dinov2 {
  GraphBuilder &b;
  const Dinov2Config &c;
  int64_t batch;

  Value weight(const std::string &name, std::vector<int64_t> shape) {
    return b.param(name, shape, Elem::F32);
  }
  Value linear(const std::string &name, Value x, int64_t out, int64_t in, bool bias = true) {
    return b.linear(x, weight(name + ".weight", {out, in}),
                    bias ? weight(name + ".bias", {out}) : Value());
  }
  Value layerNorm(const std::string &name, Value x) {
    Value n = b.op1("kiln.layer_norm", {x}, {b.attr("eps", c.layerNormEps)});
    return b.add(b.mul(n, weight(name + ".weight", {c.hiddenSize})),
                 weight(name + ".bias", {c.hiddenSize}));
  }

  /// [1, 1 + S², D] position embeddings for a gh x gw grid.
  Value positions(int64_t gh, int64_t gw) {
    int64_t d = c.hiddenSize, s = c.gridSize();
    Value pos = weight("embeddings.position_embeddings", {1, 1 + s * s, d});
    if (gh == s && gw == s)
      return pos;
    Value grid = b.transpose(b.reshape(b.sliceAxis(pos, 1, 1, 1 + s * s), {1, s, s, d}),
                             {0, 3, 1, 2});
    Value resized = b.op1("kiln.resize", {grid},
                          {b.attr("mode", llvm::StringRef("bicubic")),
                           b.attr("antialias", true)},
                          {b.type({1, d, gh, gw}, Elem::F32)});
    Value patches = b.reshape(b.transpose(resized, {0, 2, 3, 1}), {1, gh * gw, d});
    return b.op1("kiln.concat", {b.sliceAxis(pos, 1, 0, 1), patches},
                 {b.attr("axis", int64_t(1))});
  }

  /// One pre-norm block; `clsAttention` receives the CLS query's softmax
  /// row [B, H, 1, L] when given.
  Value layer(int64_t i, Value h, Value *clsAttention) {
    std::string p = "encoder.layer." + std::to_string(i) + ".";
    int64_t d = c.hiddenSize, heads = c.numHeads, hd = c.headDimension();
    int64_t len = b.dim(h, 1);
    auto split = [&](Value x) {
      return b.transpose(b.reshape(x, {batch, len, heads, hd}), {0, 2, 1, 3});
    };
    Value x = layerNorm(p + "norm1", h);
    Value q = split(linear(p + "attention.attention.query", x, heads * hd, d, c.qkvBias));
    Value k = split(linear(p + "attention.attention.key", x, heads * hd, d, c.qkvBias));
    Value v = split(linear(p + "attention.attention.value", x, heads * hd, d, c.qkvBias));
    double scale = 1.0 / std::sqrt(double(hd));
    Value attn = b.op1("kiln.attention", {q, k, v}, {b.attr("scale", scale)});
    if (clsAttention) {
      Value scores = b.matmul(b.sliceAxis(q, 2, 0, 1), k, false, /*transposeB=*/true);
      *clsAttention = b.op1("kiln.softmax", {b.mul(scores, b.scalarLike(scale, scores))});
    }
    attn = b.reshape(b.transpose(attn, {0, 2, 1, 3}), {batch, len, heads * hd});
    attn = linear(p + "attention.output.dense", attn, d, heads * hd);
    h = b.add(h, b.mul(attn, weight(p + "layer_scale1.lambda1", {d})));
    Value y = layerNorm(p + "norm2", h);
    int64_t hidden = c.mlpHidden();
    if (c.useSwiglu) { // weights_in holds [gate; up]
      Value both = linear(p + "mlp.weights_in", y, 2 * hidden, d);
      y = b.mul(b.unary("kiln.silu", b.sliceAxis(both, 2, 0, hidden)),
                b.sliceAxis(both, 2, hidden, 2 * hidden));
      y = linear(p + "mlp.weights_out", y, d, hidden);
    } else {
      y = linear(p + "mlp.fc2", activation(b, c.hiddenAct, linear(p + "mlp.fc1", y, hidden, d)),
                 d, hidden);
    }
    return b.add(h, b.mul(y, weight(p + "layer_scale2.lambda1", {d})));
  }

  void forward(int64_t height, int64_t width) {
    int64_t d = c.hiddenSize, ps = c.patchSize, r = c.numRegisterTokens;
    int64_t gh = height / ps, gw = width / ps, n = gh * gw;
    b.beginFunction("forward");
    Value pixels = b.input("pixel_values", {batch, c.numChannels, height, width}, Elem::F32);
    Value patches = b.op1(
        "kiln.conv2d",
        {pixels, weight("embeddings.patch_embeddings.projection.weight", {d, c.numChannels, ps, ps})},
        {b.attr("stride", std::vector<int64_t>{ps, ps})});
    patches = b.add(patches, b.reshape(weight("embeddings.patch_embeddings.projection.bias", {d}),
                                       {1, d, 1, 1}));
    patches = b.transpose(b.reshape(patches, {batch, d, n}), {0, 2, 1}); // [B, N, D]
    auto expand = [&](Value t, int64_t rows) {
      return b.op1("kiln.broadcast_to", {t}, {}, {b.type({batch, rows, d}, Elem::F32)});
    };
    Value cls = expand(weight("embeddings.cls_token", {1, 1, d}), 1);
    Value h = b.add(b.op1("kiln.concat", {cls, patches}, {b.attr("axis", int64_t(1))}),
                    positions(gh, gw));
    if (r > 0)
      h = b.op1("kiln.concat",
                {b.sliceAxis(h, 1, 0, 1), expand(weight("embeddings.register_tokens", {1, r, d}), r),
                 b.sliceAxis(h, 1, 1, 1 + n)},
                {b.attr("axis", int64_t(1))});
    Value clsAttention;
    for (int64_t i = 0; i < c.numLayers; ++i)
      h = layer(i, h, i + 1 == c.numLayers ? &clsAttention : nullptr);
    h = layerNorm("layernorm", h);
    b.output("last_hidden_state", h);
    b.output("pooler_output", b.reshape(b.sliceAxis(h, 1, 0, 1), {batch, d}));
    b.output("cls_attention",
             b.reshape(b.sliceAxis(clsAttention, 3, 1 + r, 1 + r + n), {batch, c.numHeads, gh, gw}));
    b.endFunction();
  }
};

} // namespace

void buildDinov2(GraphBuilder &b, const Dinov2Config &config, int64_t batch,
                 int64_t height, int64_t width) {
  // The checkpoints store a mask token for masked-image training; the
  // inference graph reads nothing of it.
  b.redundantWeight("embeddings.mask_token");
  if (config.numRegisterTokens == 0) // stored empty, [1, 0, D]
    b.redundantWeight("embeddings.register_tokens");
  Dinov2{b, config, batch}.forward(height, width);
}

} // namespace kiln::frontend
