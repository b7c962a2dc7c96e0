//===- StableCascadeUNet.cpp - diffusers' StableCascadeUNet ---------------===//
//
// NCHW between blocks. A ResBlock's channelwise MLP and the attention work
// on tokens [B, H·W, C] (diffusers' NHWC Linear and its Attention on 4-D
// input are the same products); LayerNorm2d is kiln.layer_norm over axis 1.
// The timestep-ratio embedding (sin and cos of 10⁴·r·f, arguments up to
// 10⁴) is pinned to f32 under --precision: bf16 arguments that large would
// be off by tens of radians.
//
//===----------------------------------------------------------------------===//

#include "kiln/Frontend/Models/StableCascade.h"

#include "../../lib/ConfigReader.h"
#include "../../lib/Layers.h"

#include <cmath>

using mlir::Value;

namespace kiln::frontend {

namespace {

/// A list of `levels` booleans, or one boolean for every level.
void readBools(ConfigReader &r, const char *key, std::vector<bool> &out,
               size_t levels, bool scalarAllowed) {
  const nlohmann::json *v = r.take(key);
  if (!v)
    return;
  if (scalarAllowed && v->is_boolean()) {
    out.assign(levels, v->get<bool>());
    return;
  }
  if (!v->is_array())
    return r.fail(std::string(key) + " must be " +
                  (scalarAllowed ? "a boolean or " : "") + "a list of booleans, got " +
                  v->dump());
  out.clear();
  for (const nlohmann::json &e : *v) {
    if (!e.is_boolean())
      return r.fail(std::string(key) + " holds " + e.dump() + "; entries must be booleans");
    out.push_back(e.get<bool>());
  }
}

/// A list of strings.
void readStrings(ConfigReader &r, const char *key, std::vector<std::string> &out) {
  const nlohmann::json *v = r.take(key);
  if (!v)
    return;
  if (!v->is_array())
    return r.fail(std::string(key) + " must be a list of strings, got " + v->dump());
  out.clear();
  for (const nlohmann::json &e : *v) {
    if (!e.is_string())
      return r.fail(std::string(key) + " holds " + e.dump() + "; entries must be strings");
    out.push_back(e.get<std::string>());
  }
}

void readBlockTypes(ConfigReader &r, std::vector<std::vector<CascadeBlock>> &out) {
  const nlohmann::json *v = r.take("block_types_per_layer");
  if (!v)
    return;
  if (!v->is_array())
    return r.fail("block_types_per_layer must be a list of lists of block types, got " +
                  v->dump());
  out.clear();
  for (const nlohmann::json &level : *v) {
    if (!level.is_array())
      return r.fail("block_types_per_layer holds " + level.dump() +
                    "; each level must be a list of block types");
    std::vector<CascadeBlock> types;
    for (const nlohmann::json &t : level) {
      if (t == "SDCascadeResBlock")
        types.push_back(CascadeBlock::Res);
      else if (t == "SDCascadeTimestepBlock")
        types.push_back(CascadeBlock::Timestep);
      else if (t == "SDCascadeAttnBlock")
        types.push_back(CascadeBlock::Attn);
      else
        return r.fail("block_types_per_layer holds " + t.dump() +
                      "; the block types are SDCascadeResBlock, "
                      "SDCascadeTimestepBlock and SDCascadeAttnBlock");
    }
    out.push_back(std::move(types));
  }
}

/// An integer key whose null means "no such input" (kept as 0).
void optionalChannels(ConfigReader &r, const char *key, int64_t &out) {
  if (r.has(key))
    r.integer(key, out);
  else
    r.take(key); // null: stays 0
}

} // namespace

rt::Expected<StableCascadeUNetConfig>
readStableCascadeUNetConfig(const std::string &path) {
  rt::Expected<ConfigReader> reader = ConfigReader::open(path, "StableCascadeUNet");
  if (!reader)
    return reader.error();
  ConfigReader &r = *reader;
  StableCascadeUNetConfig c;
  r.integer("in_channels", c.inChannels);
  r.integer("out_channels", c.outChannels);
  r.integer("timestep_ratio_embedding_dim", c.timestepRatioEmbeddingDim, 4);
  r.integer("patch_size", c.patchSize);
  r.integer("conditioning_dim", c.conditioningDim);
  r.integers("block_out_channels", c.blockOutChannels);
  r.integers("num_attention_heads", c.numAttentionHeads, -1);
  r.integers("down_num_layers_per_block", c.downNumLayersPerBlock, 0);
  r.integers("up_num_layers_per_block", c.upNumLayersPerBlock, 0);
  r.integers("down_blocks_repeat_mappers", c.downBlocksRepeatMappers);
  r.integers("up_blocks_repeat_mappers", c.upBlocksRepeatMappers);
  readBlockTypes(r, c.blockTypesPerLayer);
  optionalChannels(r, "clip_text_in_channels", c.clipTextInChannels);
  r.integer("clip_text_pooled_in_channels", c.clipTextPooledInChannels);
  optionalChannels(r, "clip_image_in_channels", c.clipImageInChannels);
  r.integer("clip_seq", c.clipSeq);
  optionalChannels(r, "effnet_in_channels", c.effnetInChannels);
  optionalChannels(r, "pixel_mapper_in_channels", c.pixelMapperInChannels);
  r.integer("kernel_size", c.kernelSize);
  const size_t levels = c.blockOutChannels.size();
  if (c.selfAttn.size() != levels)
    c.selfAttn.assign(levels, c.selfAttn.front());
  readBools(r, "self_attn", c.selfAttn, levels, /*scalarAllowed=*/true);
  readStrings(r, "timestep_conditioning_type", c.timestepConditioningType);
  readBools(r, "switch_level", c.switchLevel, levels, /*scalarAllowed=*/false);
  // Dropout is the identity at inference.
  r.ignore({"dropout"});
  if (!r.ok())
    return r.finish().error();

  auto perLevel = [&](const char *key, size_t n) {
    if (r.ok() && n != levels)
      r.fail(std::string(key) + " must have one entry per block_out_channels entry (" +
             std::to_string(levels) + "), got " + std::to_string(n));
  };
  perLevel("num_attention_heads", c.numAttentionHeads.size());
  perLevel("down_num_layers_per_block", c.downNumLayersPerBlock.size());
  perLevel("up_num_layers_per_block", c.upNumLayersPerBlock.size());
  perLevel("down_blocks_repeat_mappers", c.downBlocksRepeatMappers.size());
  perLevel("up_blocks_repeat_mappers", c.upBlocksRepeatMappers.size());
  perLevel("block_types_per_layer", c.blockTypesPerLayer.size());
  perLevel("self_attn", c.selfAttn.size());
  if (r.ok() && !c.switchLevel.empty() && c.switchLevel.size() != levels - 1)
    r.fail("switch_level must have one entry per level change (" +
           std::to_string(levels - 1) + "), got " + std::to_string(c.switchLevel.size()));
  if (r.ok() && c.kernelSize % 2 == 0)
    r.fail("kernel_size " + std::to_string(c.kernelSize) +
           " is even; the ResBlock's depthwise convolution (padding kernel_size // 2) "
           "keeps the size only for odd kernels");
  // diffusers' forward makes 3-channel zero pixels for the pixel mapper.
  if (r.ok() && c.pixelMapperInChannels > 0 && c.pixelMapperInChannels != 3)
    r.fail("pixel_mapper_in_channels " + std::to_string(c.pixelMapperInChannels) +
           " is not supported: the forward's default pixels have 3 channels");
  for (size_t i = 0; r.ok() && i < levels; ++i) {
    bool attn = false;
    for (CascadeBlock t : c.blockTypesPerLayer[i])
      attn = attn || t == CascadeBlock::Attn;
    int64_t heads = c.numAttentionHeads[i], ch = c.blockOutChannels[i];
    if (attn && (heads < 1 || ch % heads != 0))
      r.fail("num_attention_heads entry " + std::to_string(heads) + " does not divide " +
             "block_out_channels entry " + std::to_string(ch) + " of a level with "
             "attention blocks");
  }
  if (rt::Status s = r.finish(); !s)
    return s.error();
  return c;
}

namespace {

struct Cascade {
  GraphBuilder &b;
  const StableCascadeUNetConfig &c;
  Value clip, rEmbed; // the conditioning every block reads

  Value conv(const std::string &name, Value x, int64_t out, int64_t k,
             int64_t stride = 1, int64_t pad = 0, int64_t groups = 1) {
    return conv2dLayer(b, name, x, out, k, stride, {pad, pad, pad, pad}, groups);
  }
  Value linear(const std::string &name, Value x, int64_t out) {
    return linearLayer(b, name, x, out);
  }
  /// LayerNorm2d: over the channels of NCHW, no affine, eps 1e-6.
  Value norm2d(Value x) { return channelLayerNorm(b, x, 1e-6); }
  Value gelu(Value x) { return b.unary("kiln.gelu", x); }
  /// [B, C, H, W] → [B, H·W, C] and back.
  Value tokens(Value x) {
    return b.transpose(b.reshape(x, {b.dim(x, 0), b.dim(x, 1), b.dim(x, 2) * b.dim(x, 3)}),
                       {0, 2, 1});
  }
  Value image(Value t, int64_t h, int64_t w) {
    return b.reshape(b.transpose(t, {0, 2, 1}), {b.dim(t, 0), b.dim(t, 2), h, w});
  }
  /// F.interpolate(size = (h, w), mode = "bilinear", align_corners = True).
  Value resize(Value x, int64_t h, int64_t w) {
    if (b.dim(x, 2) == h && b.dim(x, 3) == w)
      return x;
    return b.op1("kiln.resize", {x},
                 {b.attr("mode", llvm::StringRef("bilinear")),
                  b.attr("align_corners", true)},
                 {b.type({b.dim(x, 0), b.dim(x, 1), h, w}, Elem::F32)});
  }

  /// The sinusoidal embedding of ratios r [B] (f32, pinned): with f_k =
  /// exp(−k·ln 10⁴ / (half − 1)), [sin(10⁴·r·f), cos(10⁴·r·f)], zero-padded
  /// to an odd width.
  Value ratioEmbedding(Value r) {
    const int64_t dim = c.timestepRatioEmbeddingDim, half = dim / 2;
    auto pinned = [&](double v, std::vector<int64_t> shape) {
      return b.cast(b.splat(v, std::move(shape), Elem::F32), Elem::F32, /*keep=*/true);
    };
    Value k = b.cast(b.op1("kiln.iota", {}, {b.attr("dim", int64_t(0))},
                           {b.type({half}, Elem::I32)}),
                     Elem::F32, /*keep=*/true);
    Value f = b.unary("kiln.exp",
                      b.mul(k, pinned(-std::log(10000.0) / double(half - 1), {1})));
    int64_t batch = b.dim(r, 0);
    Value arg = b.mul(b.reshape(b.mul(r, pinned(10000.0, {1})), {batch, 1}),
                      b.reshape(f, {1, half}));
    Value e = b.op1("kiln.concat", {b.unary("kiln.sin", arg), b.unary("kiln.cos", arg)},
                    {b.attr("axis", int64_t(1))});
    if (dim % 2 == 1)
      e = b.op1("kiln.pad", {e},
                {b.attr("low", std::vector<int64_t>{0, 0}),
                 b.attr("high", std::vector<int64_t>{0, 1})});
    return e;
  }

  Value resBlock(const std::string &name, Value x, Value skip) {
    int64_t ch = b.dim(x, 1), h = b.dim(x, 2), w = b.dim(x, 3), k = c.kernelSize;
    Value y = norm2d(conv(name + ".depthwise", x, ch, k, 1, k / 2, ch));
    if (skip)
      y = b.op1("kiln.concat", {y, skip}, {b.attr("axis", int64_t(1))});
    Value t = gelu(linear(name + ".channelwise.0", tokens(y), 4 * ch));
    t = globalResponseNorm(name + ".channelwise.2", t);
    t = linear(name + ".channelwise.4", t, ch);
    return b.add(image(t, h, w), x);
  }
  /// ConvNeXt-V2's GRN on tokens t [B, H·W, D]: G = ‖t‖₂ over the
  /// positions, N = G / (mean over D of G + 1e-6), γ·(t·N) + β + t.
  Value globalResponseNorm(const std::string &name, Value t) {
    int64_t d = b.dim(t, 2);
    Value g = b.unary("kiln.sqrt",
                      b.op1("kiln.reduce_sum", {b.mul(t, t)},
                            {b.attr("axes", std::vector<int64_t>{1}),
                             b.attr("keepdim", true)}));
    Value mean = b.op1("kiln.reduce_mean", {g},
                       {b.attr("axes", std::vector<int64_t>{2}), b.attr("keepdim", true)});
    Value n = b.div(g, b.add(mean, b.scalarLike(1e-6, mean)));
    Value gamma = b.reshape(b.param(name + ".gamma", {1, 1, 1, d}, Elem::F32), {1, 1, d});
    Value beta = b.reshape(b.param(name + ".beta", {1, 1, 1, d}, Elem::F32), {1, 1, d});
    return b.add(b.add(b.mul(gamma, b.mul(t, n)), beta), t);
  }
  Value timestepBlock(const std::string &name, Value x) {
    int64_t ch = b.dim(x, 1), ct = c.timestepRatioEmbeddingDim, batch = b.dim(x, 0);
    Value ab = linear(name + ".mapper", b.sliceAxis(rEmbed, 1, 0, ct), 2 * ch);
    for (size_t i = 0; i < c.timestepConditioningType.size(); ++i) {
      int64_t at = ct * int64_t(i + 1);
      ab = b.add(ab, linear(name + ".mapper_" + c.timestepConditioningType[i],
                            b.sliceAxis(rEmbed, 1, at, at + ct), 2 * ch));
    }
    Value a = b.reshape(b.sliceAxis(ab, 1, 0, ch), {batch, ch, 1, 1});
    Value shift = b.reshape(b.sliceAxis(ab, 1, ch, 2 * ch), {batch, ch, 1, 1});
    return b.add(b.mul(x, b.add(a, b.scalarLike(1.0, a))), shift);
  }
  Value attnBlock(const std::string &name, Value x, int64_t heads, bool selfAttn) {
    int64_t batch = b.dim(x, 0), ch = b.dim(x, 1), h = b.dim(x, 2), w = b.dim(x, 3);
    int64_t dh = ch / heads;
    Value kv = linear(name + ".kv_mapper.1", b.unary("kiln.silu", clip), ch);
    Value q = tokens(norm2d(x));
    if (selfAttn)
      kv = b.op1("kiln.concat", {q, kv}, {b.attr("axis", int64_t(1))});
    auto split = [&](Value t) { // [B, L, C] → [B, heads, L, dh]
      return b.transpose(b.reshape(t, {batch, b.dim(t, 1), heads, dh}), {0, 2, 1, 3});
    };
    std::string at = name + ".attention";
    Value o = b.op1("kiln.attention",
                    {split(linear(at + ".to_q", q, ch)), split(linear(at + ".to_k", kv, ch)),
                     split(linear(at + ".to_v", kv, ch))},
                    {b.attr("scale", 1.0 / std::sqrt(static_cast<double>(dh)))});
    o = b.reshape(b.transpose(o, {0, 2, 1, 3}), {batch, h * w, ch});
    return b.add(x, image(linear(at + ".to_out.0", o, ch), h, w));
  }

  /// One level's blocks, `repeats` times, with the repeat mappers between.
  Value level(const std::string &blocks, const std::string &mappers, Value x, size_t lvl,
              int64_t layers, int64_t repeats, Value skip) {
    const std::vector<CascadeBlock> &types = c.blockTypesPerLayer[lvl];
    for (int64_t rep = 0; rep < repeats; ++rep) {
      int64_t index = 0;
      for (int64_t layer = 0; layer < layers; ++layer)
        for (CascadeBlock type : types) {
          std::string name = blocks + "." + std::to_string(index);
          switch (type) {
          case CascadeBlock::Res: {
            Value s = index == 0 ? skip : Value();
            if (s)
              x = resize(x, b.dim(s, 2), b.dim(s, 3));
            x = resBlock(name, x, s);
            break;
          }
          case CascadeBlock::Timestep:
            x = timestepBlock(name, x);
            break;
          case CascadeBlock::Attn:
            x = attnBlock(name, x, c.numAttentionHeads[lvl], c.selfAttn[lvl]);
            break;
          }
          ++index;
        }
      if (rep + 1 < repeats)
        x = conv(mappers + "." + std::to_string(rep), x, b.dim(x, 1), 1);
    }
    return x;
  }

  Value forward(Value x) {
    const std::vector<int64_t> &ch = c.blockOutChannels;
    const size_t levels = c.levels();
    std::vector<Value> outputs; // deepest first
    for (size_t i = 0; i < levels; ++i) {
      if (i > 0) {
        std::string name = "down_downscalers." + std::to_string(i) + ".1";
        x = norm2d(x);
        if (c.switchLevel.empty()) {
          x = conv(name, x, ch[i], 2, 2);
        } else {
          x = conv(name + ".blocks.0", x, ch[i], 1);
          if (c.switchLevel[i - 1])
            x = resize(x, b.dim(x, 2) / 2, b.dim(x, 3) / 2);
        }
      }
      x = level("down_blocks." + std::to_string(i), "down_repeat_mappers." + std::to_string(i),
                x, i, c.downNumLayersPerBlock[i], c.downBlocksRepeatMappers[i], Value());
      outputs.insert(outputs.begin(), x);
    }
    x = outputs[0];
    for (size_t u = 0; u < levels; ++u) {
      size_t i = levels - 1 - u;
      x = level("up_blocks." + std::to_string(u), "up_repeat_mappers." + std::to_string(u), x,
                i, c.upNumLayersPerBlock[u], c.upBlocksRepeatMappers[u],
                u > 0 ? outputs[u] : Value());
      if (i > 0) {
        std::string name = "up_upscalers." + std::to_string(u) + ".1";
        x = norm2d(x);
        if (c.switchLevel.empty()) {
          Value y = b.op1("kiln.conv_transpose2d",
                          {x, b.param(name + ".weight", {ch[i], ch[i - 1], 2, 2}, Elem::F32)},
                          {b.attr("stride", std::vector<int64_t>{2, 2})});
          x = b.add(y, b.reshape(b.param(name + ".bias", {ch[i - 1]}, Elem::F32),
                                 {1, ch[i - 1], 1, 1}));
        } else {
          if (c.switchLevel[i - 1])
            x = resize(x, 2 * b.dim(x, 2), 2 * b.dim(x, 3));
          x = conv(name + ".blocks.1", x, ch[i - 1], 1);
        }
      }
    }
    return x;
  }

  /// A conditioning mapper: 1x1 conv to 4·c₀, GELU, 1x1 conv to c₀, LN2d.
  Value mapper(const std::string &name, Value x) {
    int64_t c0 = c.blockOutChannels[0];
    return norm2d(conv(name + ".2", gelu(conv(name + ".0", x, 4 * c0, 1)), c0, 1));
  }
};

} // namespace

void buildStableCascadeUNet(GraphBuilder &b, const StableCascadeUNetConfig &c,
                            const StableCascadeShape &s) {
  Cascade net{b, c, {}, {}};
  const int64_t batch = s.batch, cond = c.conditioningDim, p = c.patchSize;
  b.beginFunction("forward");
  Value sample = b.input("sample", {batch, c.inChannels, s.height, s.width}, Elem::F32);
  Value ratio = b.input("timestep_ratio", {batch}, Elem::F32);
  Value pooled = b.input("clip_text_pooled",
                         {batch, s.pooledTokens, c.clipTextPooledInChannels}, Elem::F32);
  Value text, imageEmbeds, effnet;
  if (c.textAndImage()) {
    text = b.input("clip_text", {batch, s.textTokens, c.clipTextInChannels}, Elem::F32);
    imageEmbeds = b.input("clip_img", {batch, s.imageTokens, c.clipImageInChannels}, Elem::F32);
  } else {
    // diffusers builds the mapper but reads it only with both conditions.
    if (c.clipTextInChannels > 0) {
      b.redundantWeight("clip_txt_mapper.weight");
      b.redundantWeight("clip_txt_mapper.bias");
    }
    if (c.clipImageInChannels > 0) {
      b.redundantWeight("clip_img_mapper.weight");
      b.redundantWeight("clip_img_mapper.bias");
    }
  }
  if (c.effnetInChannels > 0)
    effnet = b.input("effnet", {batch, c.effnetInChannels, s.effnetHeight, s.effnetWidth},
                     Elem::F32);

  // The timestep ratio, then each further condition (zero here), embedded.
  net.rEmbed = net.ratioEmbedding(b.cast(ratio, Elem::F32, /*keep=*/true));
  for (size_t i = 0; i < c.timestepConditioningType.size(); ++i)
    net.rEmbed = b.op1("kiln.concat",
                       {net.rEmbed, net.ratioEmbedding(b.cast(b.splat(0.0, {batch}, Elem::F32),
                                                              Elem::F32, /*keep=*/true))},
                       {b.attr("axis", int64_t(1))});

  Value clip = b.reshape(net.linear("clip_txt_pooled_mapper", pooled, cond * c.clipSeq),
                         {batch, s.pooledTokens * c.clipSeq, cond});
  if (c.textAndImage()) {
    Value img = b.reshape(net.linear("clip_img_mapper", imageEmbeds, cond * c.clipSeq),
                          {batch, s.imageTokens * c.clipSeq, cond});
    clip = b.op1("kiln.concat", {net.linear("clip_txt_mapper", text, cond), clip, img},
                 {b.attr("axis", int64_t(1))});
  }
  net.clip = b.op1("kiln.layer_norm", {clip},
                   {b.attr("axes", std::vector<int64_t>{-1}), b.attr("eps", 1e-6)});

  Value x = sample;
  if (p > 1)
    x = b.op1("kiln.pixel_unshuffle", {x}, {b.attr("factor", p)});
  x = net.norm2d(net.conv("embedding.1", x, c.blockOutChannels[0], 1));
  const int64_t h = b.dim(x, 2), w = b.dim(x, 3);
  if (effnet)
    x = b.add(x, net.mapper("effnet_mapper", net.resize(effnet, h, w)));
  if (c.pixelMapperInChannels > 0) {
    // The mapper of the forward's zero pixels: its first convolution gives
    // its bias everywhere, so the whole mapper (and its bilinear resize) is
    // one vector per channel, computed on a 1 x 1 image.
    int64_t c0 = c.blockOutChannels[0];
    b.redundantWeight("pixels_mapper.0.weight");
    Value first = b.reshape(b.param("pixels_mapper.0.bias", {4 * c0}, Elem::F32),
                            {1, 4 * c0, 1, 1});
    x = b.add(x, net.norm2d(net.conv("pixels_mapper.2", net.gelu(first), c0, 1)));
  }
  x = net.forward(x);
  x = net.conv("clf.1", net.norm2d(x), c.outChannels * p * p, 1);
  if (p > 1)
    x = b.op1("kiln.pixel_shuffle", {x}, {b.attr("factor", p)});
  b.output("sample", x);
  b.endFunction();
}

} // namespace kiln::frontend
