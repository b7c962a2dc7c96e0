//===- Llama.cpp - Llama-style decoder ------------------------------------===//
//
// Follows transformers' modeling_llama.py: pre-norm blocks (RMSNorm, GQA
// self-attention with rotary positions, gated MLP), a final RMSNorm and the
// LM head. Heads are [B, H, L, head_dim] as kiln.attention and kiln.rope
// take them; q/k/v come from one Linear each and are split into heads by a
// reshape and a transpose, which fusion folds into the GEMM's epilogue or
// the attention kernel's loads.
//
//===----------------------------------------------------------------------===//

#include "kiln/Frontend/Models/Llama.h"

#include "../../lib/Activation.h"
#include "../../lib/ConfigReader.h"

#include <cmath>
#include <set>

using mlir::Value;

namespace kiln::frontend {

namespace {

/// rope_scaling (transformers 4) or rope_parameters (transformers 5) into
/// `c`; returns a problem or "".
std::string readRope(const nlohmann::json &rope, const std::string &key,
                     LlamaConfig &c) {
  if (!rope.is_object())
    return key + " must be an object, got " + rope.dump();
  static const std::set<std::string> known = {
      "rope_type", "type", "factor", "original_max_position_embeddings",
      "beta_fast", "beta_slow", "attention_factor", "mscale", "mscale_all_dim",
      "truncate", "rope_theta", "partial_rotary_factor"};
  for (const auto &[k, v] : rope.items())
    if (!known.count(k))
      return key + "." + k + " (" + v.dump() + ") is unknown to Kiln's Llama "
             "frontend, which refuses what it would otherwise ignore";
  auto number = [&](const char *k, double &out, double min) -> std::string {
    if (!rope.contains(k) || rope[k].is_null())
      return "";
    if (!rope[k].is_number() || !std::isfinite(rope[k].get<double>()) ||
        rope[k].get<double>() < min)
      return key + "." + k + " must be a finite number ≥ " +
             nlohmann::json(min).dump() + ", got " + rope[k].dump();
    out = rope[k].get<double>();
    return "";
  };
  const nlohmann::json &type = rope.contains("rope_type") ? rope["rope_type"]
                               : rope.contains("type")    ? rope["type"]
                                                          : nlohmann::json("default");
  if (!type.is_string())
    return key + ".rope_type must be a string, got " + type.dump();
  c.ropeType = type.get<std::string>();
  if (c.ropeType != "default" && c.ropeType != "linear" && c.ropeType != "yarn" &&
      c.ropeType != "dynamic")
    return key + ".rope_type \"" + c.ropeType +
           "\" is not supported (supported: default, linear, yarn, dynamic)";
  std::string problem;
  for (auto [k, out, min] : {std::tuple{"rope_theta", &c.ropeTheta, 0.0},
                             {"beta_fast", &c.betaFast, 0.0},
                             {"beta_slow", &c.betaSlow, 0.0},
                             {"attention_factor", &c.attentionFactor, 0.0}})
    if (problem.empty())
      problem = number(k, *out, min);
  double partial = 1.0;
  if (problem.empty())
    problem = number("partial_rotary_factor", partial, 0.0);
  if (problem.empty() && partial != 1.0)
    return key + ".partial_rotary_factor " + rope["partial_rotary_factor"].dump() +
           " is not supported (Llama rotates the whole head)";
  if (!problem.empty())
    return problem;
  if (rope.contains("truncate") && !rope["truncate"].is_null()) {
    if (!rope["truncate"].is_boolean())
      return key + ".truncate must be true or false";
    c.truncate = rope["truncate"].get<bool>();
  }
  bool hasFactor = rope.contains("factor") && !rope["factor"].is_null();
  if (hasFactor) {
    if (std::string p = number("factor", c.ropeFactor, 0.0); !p.empty())
      return p;
    if (c.ropeFactor <= 0)
      return key + ".factor must be > 0";
  }
  if (rope.contains("original_max_position_embeddings") &&
      !rope["original_max_position_embeddings"].is_null()) {
    const nlohmann::json &o = rope["original_max_position_embeddings"];
    if (!o.is_number_integer() || o.get<int64_t>() < 1)
      return key + ".original_max_position_embeddings must be an integer ≥ 1, got " +
             o.dump();
    c.originalMaxPositions = o.get<int64_t>();
  }
  if ((c.ropeType == "linear" || c.ropeType == "dynamic") && !hasFactor)
    return key + ".factor is required for rope_type " + c.ropeType;
  if (c.ropeType == "yarn") {
    if (c.originalMaxPositions == 0)
      return key + ".original_max_position_embeddings is required for "
                   "rope_type yarn";
    if (!hasFactor) // transformers: the context extension the config implies
      c.ropeFactor = double(c.maxPositionEmbeddings) / c.originalMaxPositions;
    // DeepSeek's mscale pair sets the magnitude (transformers'
    // yarn_get_mscale ratio) unless attention_factor does.
    double mscale = 0, mscaleAll = 0;
    if (std::string p = number("mscale", mscale, 0.0); !p.empty())
      return p;
    if (std::string p = number("mscale_all_dim", mscaleAll, 0.0); !p.empty())
      return p;
    if (c.attentionFactor == 0 && mscale != 0 && mscaleAll != 0) {
      auto get = [&](double m) {
        return c.ropeFactor <= 1 ? 1.0 : 0.1 * m * std::log(c.ropeFactor) + 1.0;
      };
      c.attentionFactor = get(mscale) / get(mscaleAll);
    }
  } else {
    for (const char *k : {"original_max_position_embeddings", "beta_fast",
                          "beta_slow", "attention_factor", "mscale",
                          "mscale_all_dim", "truncate"})
      if (rope.contains(k) && !rope[k].is_null())
        return key + "." + k + " applies to rope_type yarn only, not " +
               c.ropeType;
    if (c.ropeType == "default" && hasFactor && c.ropeFactor != 1.0)
      return key + ".factor " + rope["factor"].dump() +
             " needs a rope_type that scales (linear, dynamic or yarn)";
  }
  return "";
}

} // namespace

rt::Expected<LlamaConfig> readLlamaConfig(const std::string &path,
                                          int64_t pauseTokenId) {
  rt::Expected<ConfigReader> reader = ConfigReader::open(path, "Llama");
  if (!reader)
    return reader.error();
  ConfigReader &r = *reader;
  LlamaConfig c;
  r.integer("vocab_size", c.vocabSize);
  r.integer("hidden_size", c.hiddenSize);
  r.integer("intermediate_size", c.intermediateSize);
  r.integer("num_hidden_layers", c.numLayers);
  r.integer("num_attention_heads", c.numHeads);
  r.integer("num_key_value_heads", c.numKvHeads);
  r.integer("head_dim", c.headDim);
  r.integer("max_position_embeddings", c.maxPositionEmbeddings);
  r.number("rms_norm_eps", c.rmsNormEps, 0, /*minExclusive=*/false);
  r.number("rope_theta", c.ropeTheta, 0, /*minExclusive=*/true);
  r.activation("hidden_act", c.hiddenAct);
  r.boolean("attention_bias", c.attentionBias);
  r.boolean("mlp_bias", c.mlpBias);
  r.boolean("tie_word_embeddings", c.tieWordEmbeddings);
  r.integer("pause_token_id", c.pauseTokenId, 0);
  if (pauseTokenId >= 0) {
    if (c.pauseTokenId >= 0 && c.pauseTokenId != pauseTokenId)
      r.fail("pause_token_id " + std::to_string(c.pauseTokenId) +
             " disagrees with --pause-token-id " + std::to_string(pauseTokenId));
    c.pauseTokenId = pauseTokenId;
  }
  if (r.ok() && c.pauseTokenId > c.vocabSize)
    r.fail("the <pause> token id " + std::to_string(c.pauseTokenId) +
           " must lie inside the vocabulary or be vocab_size " +
           std::to_string(c.vocabSize) + " (one token added)");
  // Tensor-parallel pretraining splits the same matmuls; dropout is
  // training-only.
  if (const nlohmann::json *tp = r.take("pretraining_tp");
      tp && !(tp->is_number_integer() && tp->get<int64_t>() >= 1))
    r.fail("pretraining_tp must be an integer ≥ 1, got " + tp->dump());
  r.ignore({"attention_dropout"});
  const nlohmann::json *scaling = r.take("rope_scaling");
  const nlohmann::json *parameters = r.take("rope_parameters");
  if (scaling && parameters)
    r.fail("rope_scaling and rope_parameters are both given; keep one");
  else if (const nlohmann::json *rope = scaling ? scaling : parameters)
    if (std::string p = readRope(*rope, scaling ? "rope_scaling" : "rope_parameters", c);
        !p.empty())
      r.fail(p);
  if (r.ok() && c.headDim == 0 && c.hiddenSize % c.numHeads != 0)
    r.fail("hidden_size " + std::to_string(c.hiddenSize) +
           " is not divisible by num_attention_heads " + std::to_string(c.numHeads) +
           " (give head_dim)");
  if (r.ok() && c.numHeads % c.kvHeads() != 0)
    r.fail("num_key_value_heads " + std::to_string(c.kvHeads()) +
           " does not divide num_attention_heads " + std::to_string(c.numHeads));
  if (r.ok() && c.headDimension() % 2 != 0)
    r.fail("the head dimension " + std::to_string(c.headDimension()) +
           " must be even for rotary positions");
  if (rt::Status s = r.finish(); !s)
    return s.error();
  return c;
}

namespace {

struct Llama {
  GraphBuilder &b;
  const LlamaConfig &c;
  int64_t batch;
  Elem cacheElem; // the KV caches' declared type

  Value weight(const std::string &name, std::vector<int64_t> shape) {
    return b.param(name, shape, Elem::F32);
  }
  Value linear(const std::string &name, Value x, int64_t out, int64_t in,
               bool bias) {
    return b.linear(x, weight(name + ".weight", {out, in}),
                    bias ? weight(name + ".bias", {out}) : Value());
  }
  Value rmsNorm(const std::string &name, Value x) {
    return b.mul(b.op1("kiln.rms_norm", {x}, {b.attr("eps", c.rmsNormEps)}),
                 weight(name + ".weight", {c.hiddenSize}));
  }
  /// [B, L, H·hd] → [B, H, L, hd].
  Value heads(Value x, int64_t h) {
    int64_t len = b.dim(x, 1);
    return b.transpose(b.reshape(x, {batch, len, h, c.headDimension()}),
                       {0, 2, 1, 3});
  }
  /// HF's dynamic NTK RoPE: with n = max(positions) + 1 past L₀ =
  /// max_position_embeddings, theta grows to theta·(s·n/L₀ − (s − 1))^(d/(d−2))
  /// for the whole call. n is a runtime value, so the rotation is built
  /// from elementwise ops (HF's rotate_half form, angles in f32) rather
  /// than kiln.rope's static attributes. Like HF, each call uses its own
  /// n: keys cached by earlier calls keep the rotation they were made with.
  Value dynamicRope(Value x, Value positions) {
    int64_t d = c.headDimension(), half = d / 2;
    std::vector<int64_t> ps = b.shape(positions);
    std::vector<int64_t> all(ps.size());
    for (size_t i = 0; i < all.size(); ++i)
      all[i] = int64_t(i);
    Value pos = b.cast(positions, Elem::F32);
    Value n = b.add(b.op1("kiln.reduce_max", {pos}, {b.attr("axes", all)}),
                    b.scalarLike(1.0, pos));
    double l0 = double(c.maxPositionEmbeddings), s = c.ropeFactor;
    n = b.op1("kiln.max", {n, b.scalarLike(l0, pos)});
    Value grow = b.sub(b.mul(n, b.scalarLike(s / l0, pos)), b.scalarLike(s - 1, pos));
    Value theta = b.mul(b.scalarLike(c.ropeTheta, pos),
                        b.op1("kiln.pow", {grow, b.scalarLike(double(d) / (d - 2), pos)}));
    // inv_freq_i = theta^(−2i/d); angle = position · inv_freq.
    Value exponent = b.mul(b.op1("kiln.iota", {}, {b.attr("dim", int64_t(0))},
                                 {b.type({half}, Elem::F32)}),
                           b.scalarLike(-2.0 / d, pos));
    Value invFreq = b.op1("kiln.pow", {b.reshape(theta, {1}), exponent});
    std::vector<int64_t> col = ps;
    col.push_back(1);
    Value angle = b.mul(b.reshape(pos, col), invFreq); // [(B,) L, d/2]
    angle = b.op1("kiln.concat", {angle, angle}, {b.attr("axis", int64_t(-1))});
    int64_t len = b.dim(positions, -1);
    std::vector<int64_t> shape4 = {ps.size() == 2 ? ps[0] : 1, 1, len, d};
    Value cosA = b.reshape(b.unary("kiln.cos", angle), shape4);
    Value sinA = b.reshape(b.unary("kiln.sin", angle), shape4);
    Value x1 = b.sliceAxis(x, 3, 0, half), x2 = b.sliceAxis(x, 3, half, d);
    Value rotated = b.op1("kiln.concat", {b.unary("kiln.neg", x2), x1},
                          {b.attr("axis", int64_t(3))});
    return b.add(b.mul(x, cosA), b.mul(rotated, sinA));
  }

  Value rope(Value x, Value positions) {
    if (c.ropeType == "dynamic")
      return dynamicRope(x, positions);
    std::vector<mlir::NamedAttribute> attrs = {b.attr("theta", c.ropeTheta)};
    if (c.ropeType == "linear") {
      attrs.push_back(b.attr("scaling", llvm::StringRef("linear")));
      attrs.push_back(b.attr("factor", c.ropeFactor));
    } else if (c.ropeType == "yarn") {
      attrs.push_back(b.attr("scaling", llvm::StringRef("yarn")));
      attrs.push_back(b.attr("factor", c.ropeFactor));
      attrs.push_back(b.attr("original_max_positions", c.originalMaxPositions));
      attrs.push_back(b.attr("beta_fast", c.betaFast));
      attrs.push_back(b.attr("beta_slow", c.betaSlow));
      attrs.push_back(b.attr("attention_factor", c.attentionFactor));
      attrs.push_back(b.attr("truncate", c.truncate));
    }
    return b.op1("kiln.rope", {x, positions}, attrs);
  }

  /// How a layer's attention meets the cache.
  struct Cache {
    Value k, v;         // [B, Hk, S, hd]; null in forward
    Value writeAt;      // [B, Hk] i32: first row written
    Value lens;         // [B, Hk] i32: rows attended (decode), or null
  };

  /// One decoder layer; returns the new hidden state and the caches.
  /// `rotated`, when given, receives the layer's rotated q and k.
  std::tuple<Value, Value, Value> layer(int64_t i, Value h, Value positions,
                                        const Cache &cache, int64_t s2Group,
                                        std::pair<Value, Value> *rotated = nullptr) {
    std::string p = "model.layers." + std::to_string(i) + ".";
    int64_t d = c.hiddenSize, hd = c.headDimension(), hq = c.numHeads,
            hk = c.kvHeads();
    Value x = rmsNorm(p + "input_layernorm", h);
    Value q = rope(heads(linear(p + "self_attn.q_proj", x, hq * hd, d, c.attentionBias), hq),
                   positions);
    Value k = rope(heads(linear(p + "self_attn.k_proj", x, hk * hd, d, c.attentionBias), hk),
                   positions);
    Value v = heads(linear(p + "self_attn.v_proj", x, hk * hd, d, c.attentionBias), hk);
    if (rotated)
      *rotated = {q, k};
    double scale = 1.0 / std::sqrt(double(hd));
    Value attn, kOut, vOut;
    // 16-bit caches (under --precision) take the rows in their type; the
    // casts fold away once kiln-precision has retyped the layer.
    if (cache.k) {
      kOut = b.op1("kiln.kv_cache_write", {cache.k, b.cast(k, cacheElem), cache.writeAt});
      vOut = b.op1("kiln.kv_cache_write", {cache.v, b.cast(v, cacheElem), cache.writeAt});
    }
    if (cache.lens) {
      attn = b.cast(b.op1("kiln.decode_attention", {b.cast(q, cacheElem), kOut, vOut, cache.lens},
                          {b.attr("scale", scale)}),
                    Elem::F32);
    } else {
      std::vector<mlir::NamedAttribute> attrs = {b.attr("scale", scale),
                                                 b.attr("causal", true)};
      if (s2Group > 0)
        attrs.push_back(b.attr("s2_group", s2Group));
      attn = b.op1("kiln.attention", {q, k, v}, attrs);
    }
    int64_t len = b.dim(x, 1);
    attn = b.reshape(b.transpose(attn, {0, 2, 1, 3}), {batch, len, hq * hd});
    h = b.add(h, linear(p + "self_attn.o_proj", attn, d, hq * hd, c.attentionBias));
    Value y = rmsNorm(p + "post_attention_layernorm", h);
    Value gate = activation(b, c.hiddenAct,
                            linear(p + "mlp.gate_proj", y, c.intermediateSize, d, c.mlpBias));
    Value up = linear(p + "mlp.up_proj", y, c.intermediateSize, d, c.mlpBias);
    h = b.add(h, linear(p + "mlp.down_proj", b.mul(gate, up), d, c.intermediateSize,
                        c.mlpBias));
    return {h, kOut, vOut};
  }

  /// A [V, D] table, with an added <pause> row (the mean of the others,
  /// the deterministic part of transformers' mean resizing).
  Value vocabTable(const std::string &name) {
    Value t = weight(name, {c.vocabSize, c.hiddenSize});
    if (c.graphVocab() == c.vocabSize)
      return t;
    Value mean = b.op1("kiln.reduce_mean", {t},
                       {b.attr("axes", std::vector<int64_t>{0}), b.attr("keepdim", true)});
    return b.op1("kiln.concat", {t, mean}, {b.attr("axis", int64_t(0))});
  }
  Value embed(Value ids) {
    return b.op1("kiln.gather", {vocabTable("model.embed_tokens.weight"), ids},
                 {b.attr("axis", int64_t(0))});
  }
  Value logits(Value h) {
    Value head = vocabTable(c.tieWordEmbeddings ? "model.embed_tokens.weight"
                                                : "lm_head.weight");
    Value logits = b.matmul(rmsNorm("model.norm", h), head, false, /*transposeB=*/true);
    if (c.pauseTokenId < 0)
      return logits;
    // <pause> is never predicted: its logit is −∞.
    Value vocabIndex = b.op1("kiln.iota", {}, {b.attr("dim", int64_t(0))},
                             {b.type({c.graphVocab()}, Elem::I64)});
    Value isPause = b.compare(vocabIndex, b.scalarLike(double(c.pauseTokenId), vocabIndex), "eq");
    return b.op1("kiln.select", {b.reshape(isPause, {1, 1, c.graphVocab()}),
                                 b.reshape(b.scalarLike(-INFINITY, logits), {1, 1, 1}),
                                 logits});
  }

  void forward(int64_t len, bool s2Attn) {
    b.beginFunction("forward");
    Value h = embed(b.input("input_ids", {batch, len}, Elem::I64));
    Value positions = b.op1("kiln.iota", {}, {b.attr("dim", int64_t(0))},
                            {b.type({len}, Elem::I64)});
    for (int64_t i = 0; i < c.numLayers; ++i)
      h = std::get<0>(layer(i, h, positions, {}, s2Attn ? len / 4 : 0));
    b.output("logits", logits(h));
    b.endFunction();
  }

  /// FastGen's profile of one layer after prefill: for each KV head, the
  /// cheapest keep policy of {special, +punctuation, +frequent, +local,
  /// full} under which every query head of its group recovers at least
  /// `threshold` of its attention mass (docs/models.md). Returns the keep
  /// mask [B, Hk, S] (i1, rows past the prompt false) and the policy
  /// [B, Hk] (i64, 0 … 4).
  std::pair<Value, Value> fastgenKeep(Value q, Value k, Value tokenClass,
                                      Value threshold, int64_t cacheLen) {
    int64_t hq = c.numHeads, hk = c.kvHeads(), group = hq / hk;
    int64_t len = b.dim(q, 2);
    double scale = 1.0 / std::sqrt(double(c.headDimension()));
    // r_frequent = r_local = 0.3 of the prompt, at least one token.
    int64_t budget = std::max<int64_t>(1, int64_t(0.3 * double(len)));
    auto f32 = [&](Value v) { return b.cast(v, Elem::F32); };
    Value classes = tokenClass; // [B, L] i32: 1 special, 2 punctuation
    Value special = f32(b.compare(classes, b.scalarLike(1, classes), "eq"));
    Value punct = f32(b.compare(classes, b.scalarLike(2, classes), "eq"));
    // Heavy hitters: the keys with the largest attention column sums,
    // summed over the query heads that share the KV head.
    Value colsum = b.op1("kiln.attention_colsum", {q, k}, {b.attr("scale", scale)});
    colsum = b.op1("kiln.reduce_sum", {b.reshape(colsum, {batch, hk, group, len})},
                   {b.attr("axes", std::vector<int64_t>{2})});
    std::vector<Value> top = b.op("kiln.topk", {colsum}, {b.attr("k", budget)});
    if (top.size() != 2)
      return {};
    Value keyIndex = b.op1("kiln.iota", {}, {b.attr("dim", int64_t(0))},
                           {b.type({len}, Elem::I64)});
    Value frequent = b.op1(
        "kiln.reduce_max",
        {f32(b.compare(b.reshape(top[1], {batch, hk, budget, 1}), keyIndex, "eq"))},
        {b.attr("axes", std::vector<int64_t>{2})}); // [B, Hk, L]
    Value local = f32(b.compare(keyIndex, b.scalarLike(double(len - budget), keyIndex), "ge"));
    // The cumulative policies, [5, B, Hk, L].
    auto perHead = [&](Value m) { // [B, L] or [L] or [B, Hk, L] → [1, B, Hk, L]
      std::vector<int64_t> s = b.shape(m);
      if (s.size() == 2)
        m = b.reshape(m, {batch, 1, len});
      return b.reshape(b.add(m, b.splat(0, {batch, hk, len}, Elem::F32)),
                       {1, batch, hk, len});
    };
    Value p0 = perHead(special);
    Value p1 = b.op1("kiln.max", {p0, perHead(punct)});
    Value p2 = b.op1("kiln.max", {p1, perHead(frequent)});
    Value p3 = b.op1("kiln.max", {p2, perHead(local)});
    Value p4 = b.splat(1, {1, batch, hk, len}, Elem::F32);
    Value masks = b.op1("kiln.concat", {p0, p1, p2, p3, p4}, {b.attr("axis", int64_t(0))});
    Value keep = b.compare(masks, b.scalarLike(0.5, masks), "gt");
    Value mass = b.op1("kiln.attention_mass", {q, k, keep}, {b.attr("scale", scale)});
    mass = b.op1("kiln.reduce_min", {b.reshape(mass, {5, batch, hk, group})},
                 {b.attr("axes", std::vector<int64_t>{3})}); // [5, B, Hk]
    // The first policy that recovers the threshold; full always does.
    Value enough = f32(b.compare(mass, b.reshape(threshold, {1, 1, 1}), "ge"));
    Value policyIndex = b.op1("kiln.iota", {}, {b.attr("dim", int64_t(0))},
                              {b.type({5, 1, 1}, Elem::I64)});
    enough = b.op1("kiln.max", {enough, f32(b.compare(policyIndex, b.scalarLike(4, policyIndex), "eq"))});
    Value policy = b.op1("kiln.argmax", {enough}, {b.attr("axis", int64_t(0))}); // [B, Hk]
    Value chosen = f32(b.compare(b.reshape(policyIndex, {5, 1, 1, 1}),
                                 b.reshape(policy, {1, batch, hk, 1}), "eq"));
    Value kept = b.op1("kiln.reduce_sum", {b.mul(chosen, masks)},
                       {b.attr("axes", std::vector<int64_t>{0})}); // [B, Hk, L]
    if (cacheLen > len)
      kept = b.op1("kiln.pad", {kept},
                   {b.attr("low", std::vector<int64_t>{0, 0, 0}),
                    b.attr("high", std::vector<int64_t>{0, 0, cacheLen - len})});
    return {b.compare(kept, b.scalarLike(0.5, kept), "gt"), policy};
  }

  enum class Mode { Prefill, PrefillFastGen, Decode };

  /// prefill (rows 0 … len − 1, causal among themselves; with FastGen,
  /// each head's cache then compacted to the rows its policy keeps) or
  /// decode (rows cache_lens …, attending to the cache).
  void cached(int64_t len, int64_t cacheLen, Mode mode) {
    bool decode = mode == Mode::Decode, fastgen = mode == Mode::PrefillFastGen;
    b.beginFunction(decode ? "decode" : fastgen ? "prefill_fastgen" : "prefill");
    int64_t hk = c.kvHeads(), hd = c.headDimension(), n = c.numLayers;
    Value ids = b.input("input_ids", {batch, len}, Elem::I64);
    Value positions = b.input("positions", {batch, len}, Elem::I64);
    Value lensIn, tokenClass, threshold;
    int firstCache = 2;
    if (decode) {
      lensIn = b.input("cache_lens", {n, batch, hk}, Elem::I32);
      firstCache = 3;
    } else if (fastgen) {
      tokenClass = b.input("token_class", {c.graphVocab()}, Elem::I32);
      threshold = b.input("threshold", {}, Elem::F32);
      firstCache = 4;
    }
    std::vector<Value> kIn, vIn;
    for (int64_t i = 0; i < n; ++i) {
      kIn.push_back(b.input("k_cache." + std::to_string(i), {batch, hk, cacheLen, hd},
                            cacheElem));
      vIn.push_back(b.input("v_cache." + std::to_string(i), {batch, hk, cacheLen, hd},
                            cacheElem));
    }
    Value classes;
    if (fastgen)
      classes = b.op1("kiln.gather", {tokenClass, ids}, {b.attr("axis", int64_t(0))});
    Value h = embed(ids);
    std::vector<Value> kOut, vOut, lensOut, policies;
    for (int64_t i = 0; i < n; ++i) {
      Cache cache{kIn[i], vIn[i], {}, {}};
      if (decode) {
        cache.writeAt = b.reshape(b.sliceAxis(lensIn, 0, i, i + 1), {batch, hk});
        cache.lens = b.add(cache.writeAt, b.splat(double(len), {}, Elem::I32));
      } else {
        cache.writeAt = b.splat(0.0, {batch, hk}, Elem::I32);
      }
      std::pair<Value, Value> qk;
      auto [next, k, v] = layer(i, h, positions, cache, 0, fastgen ? &qk : nullptr);
      h = next;
      if (fastgen) {
        auto [keep, policy] = fastgenKeep(qk.first, qk.second, classes, threshold, cacheLen);
        std::vector<Value> kc = b.op("kiln.kv_cache_compact", {k, keep});
        std::vector<Value> vc = b.op("kiln.kv_cache_compact", {v, keep});
        if (kc.size() != 2 || vc.size() != 2)
          return;
        k = kc[0];
        v = vc[0];
        lensOut.push_back(b.reshape(kc[1], {1, batch, hk}));
        policies.push_back(b.reshape(policy, {1, batch, hk}));
      }
      kOut.push_back(k);
      vOut.push_back(v);
    }
    if (!decode) // the next token's logits only
      h = b.sliceAxis(h, 1, len - 1, len);
    b.output("logits", logits(h));
    for (int64_t i = 0; i < n; ++i) {
      b.output("k_cache." + std::to_string(i), kOut[i], firstCache + 2 * int(i));
      b.output("v_cache." + std::to_string(i), vOut[i], firstCache + 2 * int(i) + 1);
    }
    if (fastgen) {
      auto stack = [&](std::vector<Value> &parts) {
        return parts.size() == 1 ? parts[0]
                                 : b.op1("kiln.concat", parts, {b.attr("axis", int64_t(0))});
      };
      b.output("cache_lens", stack(lensOut));
      b.output("policy", stack(policies));
    }
    b.endFunction();
  }
};

} // namespace

void buildLlama(GraphBuilder &b, const LlamaConfig &config, int64_t batch,
                int64_t seqLen, int64_t cacheLen, int64_t decodeTokens,
                bool s2Attn, bool fastgen, Elem cacheElem) {
  if (config.tieWordEmbeddings)
    b.redundantWeight("lm_head.weight");
  Llama model{b, config, batch, cacheElem};
  model.forward(seqLen, s2Attn);
  model.cached(seqLen, cacheLen, Llama::Mode::Prefill);
  if (fastgen)
    model.cached(seqLen, cacheLen, Llama::Mode::PrefillFastGen);
  model.cached(decodeTokens, cacheLen, Llama::Mode::Decode);
}

} // namespace kiln::frontend
