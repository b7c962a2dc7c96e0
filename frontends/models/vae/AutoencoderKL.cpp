//===- AutoencoderKL.cpp - diffusers' AutoencoderKL -----------------------===//
//
// NCHW throughout. GroupNorm (eps 1e-6) is kiln.group_norm followed by its
// affine and SiLU, which fusion runs as one kernel; 3x3 convolutions run as
// implicit GEMMs. The mid-block attention (one head as wide as the channels)
// reads the tokens as [B, HW, C] through a transpose and is decomposed into
// GEMMs for f32 (docs/codegen.md).
//
//===----------------------------------------------------------------------===//

#include "kiln/Frontend/Models/AutoencoderKL.h"

#include "../../lib/ConfigReader.h"
#include "../../lib/Layers.h"

#include <cmath>

using mlir::Value;

namespace kiln::frontend {

rt::Expected<AutoencoderKLConfig> readAutoencoderKLConfig(const std::string &path) {
  rt::Expected<ConfigReader> reader = ConfigReader::open(path, "AutoencoderKL");
  if (!reader)
    return reader.error();
  ConfigReader &r = *reader;
  AutoencoderKLConfig c;
  r.integer("in_channels", c.inChannels);
  r.integer("out_channels", c.outChannels);
  r.integer("latent_channels", c.latentChannels);
  r.integer("layers_per_block", c.layersPerBlock);
  r.integer("norm_num_groups", c.normNumGroups);
  r.integers("block_out_channels", c.blockOutChannels);
  for (int64_t ch : c.blockOutChannels)
    if (r.ok() && ch % c.normNumGroups != 0)
      r.fail("block_out_channels entry " + std::to_string(ch) +
             " is not divisible by norm_num_groups " +
             std::to_string(c.normNumGroups));
  for (auto [key, want] : {std::pair{"down_block_types", "DownEncoderBlock2D"},
                           {"up_block_types", "UpDecoderBlock2D"}})
    if (const nlohmann::json *types = r.take(key)) {
      if (!types->is_array() || types->size() != c.blockOutChannels.size())
        r.fail(std::string(key) + " must list one block per block_out_channels "
               "entry (" + std::to_string(c.blockOutChannels.size()) + "), got " +
               types->dump());
      else
        for (const auto &v : *types)
          if (v != want)
            r.fail(std::string(key) + " holds " + v.dump() + "; only " + want +
                   " is supported");
    }
  r.only("act_fn", "silu");
  r.boolean("use_quant_conv", c.useQuantConv);
  r.boolean("use_post_quant_conv", c.usePostQuantConv);
  r.boolean("mid_block_add_attention", c.midBlockAddAttention);
  r.number("scaling_factor", c.scalingFactor, 0, /*minExclusive=*/true);
  // The decode/encode graphs leave latent scaling to the caller (as
  // diffusers leaves it to the pipeline), and sample_size is only the
  // training resolution: --height / --width choose the graphs' size.
  r.ignore({"sample_size", "shift_factor", "latents_mean", "latents_std",
            "force_upcast"});
  if (rt::Status s = r.finish(); !s)
    return s.error();
  return c;
}

namespace {

struct Vae {
  GraphBuilder &b;
  const AutoencoderKLConfig &c;

  Value conv(const std::string &name, Value x, int64_t out, int64_t k,
             int64_t stride = 1, std::vector<int64_t> padding = {}) {
    if (padding.empty())
      padding = {k / 2, k / 2, k / 2, k / 2};
    return conv2dLayer(b, name, x, out, k, stride, std::move(padding));
  }
  Value groupNorm(const std::string &name, Value x, bool silu) {
    int64_t ch = b.dim(x, 1);
    Value n = b.op1("kiln.group_norm", {x},
                    {b.attr("num_groups", c.normNumGroups), b.attr("eps", 1e-6)});
    n = b.mul(n, b.reshape(b.param(name + ".weight", {ch}, Elem::F32), {1, ch, 1, 1}));
    n = b.add(n, b.reshape(b.param(name + ".bias", {ch}, Elem::F32), {1, ch, 1, 1}));
    return silu ? b.unary("kiln.silu", n) : n;
  }
  Value resnet(const std::string &name, Value x, int64_t out) {
    int64_t in = b.dim(x, 1);
    Value h = conv(name + ".conv1", groupNorm(name + ".norm1", x, true), out, 3);
    h = conv(name + ".conv2", groupNorm(name + ".norm2", h, true), out, 3);
    Value shortcut = in == out ? x : conv(name + ".conv_shortcut", x, out, 1);
    return b.add(shortcut, h);
  }
  /// Single-head self-attention over the H·W positions, with its residual.
  Value attention(const std::string &name, Value x) {
    int64_t batch = b.dim(x, 0), ch = b.dim(x, 1), hw = b.dim(x, 2) * b.dim(x, 3);
    Value h = groupNorm(name + ".group_norm", x, false);
    Value tokens = b.transpose(b.reshape(h, {batch, ch, hw}), {0, 2, 1}); // [B, HW, C]
    auto proj = [&](const std::string &p) {
      Value y = b.linear(tokens, b.param(name + "." + p + ".weight", {ch, ch}, Elem::F32),
                         b.param(name + "." + p + ".bias", {ch}, Elem::F32));
      return b.reshape(y, {batch, 1, hw, ch});
    };
    Value o = b.op1("kiln.attention", {proj("to_q"), proj("to_k"), proj("to_v")},
                    {b.attr("scale", 1.0 / std::sqrt(static_cast<double>(ch)))});
    o = b.linear(b.reshape(o, {batch, hw, ch}),
                 b.param(name + ".to_out.0.weight", {ch, ch}, Elem::F32),
                 b.param(name + ".to_out.0.bias", {ch}, Elem::F32));
    o = b.reshape(b.transpose(o, {0, 2, 1}), {batch, ch, b.dim(x, 2), b.dim(x, 3)});
    return b.add(o, x);
  }
  Value midBlock(const std::string &name, Value x) {
    int64_t ch = b.dim(x, 1);
    x = resnet(name + ".resnets.0", x, ch);
    if (c.midBlockAddAttention)
      x = attention(name + ".attentions.0", x);
    return resnet(name + ".resnets.1", x, ch);
  }

  Value encoder(Value x) {
    const std::vector<int64_t> &ch = c.blockOutChannels;
    Value h = conv("encoder.conv_in", x, ch[0], 3);
    for (size_t i = 0; i < ch.size(); ++i) {
      std::string block = "encoder.down_blocks." + std::to_string(i);
      for (int64_t j = 0; j < c.layersPerBlock; ++j)
        h = resnet(block + ".resnets." + std::to_string(j), h, ch[i]);
      if (i + 1 < ch.size()) // diffusers pads (0, 1, 0, 1) before the stride-2 conv
        h = conv(block + ".downsamplers.0.conv", h, ch[i], 3, 2, {0, 1, 0, 1});
    }
    h = midBlock("encoder.mid_block", h);
    h = groupNorm("encoder.conv_norm_out", h, true);
    return conv("encoder.conv_out", h, 2 * c.latentChannels, 3);
  }

  Value decoder(Value z) {
    std::vector<int64_t> ch(c.blockOutChannels.rbegin(), c.blockOutChannels.rend());
    Value h = conv("decoder.conv_in", z, ch[0], 3);
    h = midBlock("decoder.mid_block", h);
    for (size_t i = 0; i < ch.size(); ++i) {
      std::string block = "decoder.up_blocks." + std::to_string(i);
      for (int64_t j = 0; j <= c.layersPerBlock; ++j)
        h = resnet(block + ".resnets." + std::to_string(j), h, ch[i]);
      if (i + 1 < ch.size()) {
        h = b.op1("kiln.resize", {h}, {b.attr("mode", llvm::StringRef("nearest"))},
                  {b.type({b.dim(h, 0), b.dim(h, 1), 2 * b.dim(h, 2), 2 * b.dim(h, 3)},
                          Elem::F32)});
        h = conv(block + ".upsamplers.0.conv", h, ch[i], 3);
      }
    }
    h = groupNorm("decoder.conv_norm_out", h, true);
    return conv("decoder.conv_out", h, c.outChannels, 3);
  }
};

} // namespace

void buildAutoencoderKL(GraphBuilder &b, const AutoencoderKLConfig &c,
                        int64_t batch, int64_t height, int64_t width) {
  Vae vae{b, c};
  int64_t f = c.factor(), lh = height / f, lw = width / f, l = c.latentChannels;
  b.beginFunction("encode");
  Value x = b.input("x", {batch, c.inChannels, height, width}, Elem::F32);
  Value eps = b.input("eps", {batch, l, lh, lw}, Elem::F32);
  Value moments = vae.encoder(x);
  if (c.useQuantConv)
    moments = vae.conv("quant_conv", moments, 2 * l, 1);
  Value mean = b.sliceAxis(moments, 1, 0, l);
  Value logvar = b.op1("kiln.clamp", {b.sliceAxis(moments, 1, l, 2 * l)},
                       {b.attr("min", -30.0), b.attr("max", 20.0)});
  Value std = b.unary("kiln.exp", b.mul(logvar, b.splat(0.5, {1, 1, 1, 1}, Elem::F32)));
  b.output("mean", mean);
  b.output("logvar", logvar);
  b.output("latents", b.add(mean, b.mul(std, eps)));
  b.endFunction();

  b.beginFunction("decode");
  Value z = b.input("z", {batch, l, lh, lw}, Elem::F32);
  if (c.usePostQuantConv)
    z = vae.conv("post_quant_conv", z, l, 1);
  b.output("sample", vae.decoder(z));
  b.endFunction();
}

} // namespace kiln::frontend
