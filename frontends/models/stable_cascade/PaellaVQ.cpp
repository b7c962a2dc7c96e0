//===- PaellaVQ.cpp - diffusers' PaellaVQModel ----------------------------===//
//
// NCHW between blocks; a MixingResidualBlock's channel LayerNorms are
// kiln.layer_norm over axis 1 and its channelwise MLP runs on tokens
// [B, H·W, C]. The depthwise convolution pads by replication (kiln.pad
// mode "replicate"), not zeros. The encoder's BatchNorm is in eval mode:
// its running statistics and affine, eps 1e-5.
//
//===----------------------------------------------------------------------===//

#include "kiln/Frontend/Models/PaellaVQ.h"

#include "../../lib/ConfigReader.h"
#include "../../lib/Layers.h"

#include <cmath>

using mlir::Value;

namespace kiln::frontend {

rt::Expected<PaellaVQConfig> readPaellaVQConfig(const std::string &path) {
  rt::Expected<ConfigReader> reader = ConfigReader::open(path, "PaellaVQModel");
  if (!reader)
    return reader.error();
  ConfigReader &r = *reader;
  PaellaVQConfig c;
  r.integer("in_channels", c.inChannels);
  r.integer("out_channels", c.outChannels);
  r.integer("up_down_scale_factor", c.upDownScaleFactor);
  r.integer("levels", c.levels);
  r.integer("bottleneck_blocks", c.bottleneckBlocks);
  r.integer("embed_dim", c.embedDim);
  r.integer("latent_channels", c.latentChannels);
  // The codebook's size: the decode path reads unquantized latents.
  r.integer("num_vq_embeddings", c.numVqEmbeddings);
  r.number("scale_factor", c.scaleFactor, 0, /*minExclusive=*/true);
  if (r.ok() && c.levels > 16)
    r.fail("levels " + std::to_string(c.levels) + " is more than Kiln builds (16)");
  if (r.ok() && c.embedDim % (int64_t(1) << (c.levels - 1)) != 0)
    r.fail("embed_dim " + std::to_string(c.embedDim) + " is not divisible by 2^(levels - 1) = " +
           std::to_string(int64_t(1) << (c.levels - 1)) +
           " (each level halves the channels)");
  if (rt::Status s = r.finish(); !s)
    return s.error();
  return c;
}

namespace {

struct Paella {
  GraphBuilder &b;
  const PaellaVQConfig &c;

  /// Channels at level i: embed_dim / 2^(levels − 1 − i).
  int64_t channels(int64_t i) const { return c.embedDim >> (c.levels - 1 - i); }

  Value bias(const std::string &name, Value y, int64_t out) {
    return b.add(y, b.reshape(b.param(name + ".bias", {out}, Elem::F32), {1, out, 1, 1}));
  }
  Value conv(const std::string &name, Value x, int64_t out, int64_t k, int64_t stride = 1,
             int64_t pad = 0, int64_t groups = 1, bool hasBias = true) {
    return conv2dLayer(b, name, x, out, k, stride, {pad, pad, pad, pad}, groups, hasBias);
  }
  /// ConvTranspose2d(kernel 4, stride 2, padding 1): doubles the size.
  Value upsample(const std::string &name, Value x, int64_t out) {
    Value y = b.op1("kiln.conv_transpose2d",
                    {x, b.param(name + ".weight", {b.dim(x, 1), out, 4, 4}, Elem::F32)},
                    {b.attr("stride", std::vector<int64_t>{2, 2}),
                     b.attr("padding", std::vector<int64_t>{1, 1})});
    return bias(name, y, out);
  }
  Value linear(const std::string &name, Value x, int64_t out) {
    return linearLayer(b, name, x, out);
  }
  Value channelNorm(Value x) { return channelLayerNorm(b, x, 1e-6); }

  /// x + depthwise(LN(x)·(1 + g₀) + g₁)·g₂, then the same with the
  /// channelwise MLP and g₃, g₄, g₅.
  Value mixingBlock(const std::string &name, Value x) {
    int64_t batch = b.dim(x, 0), ch = b.dim(x, 1), h = b.dim(x, 2), w = b.dim(x, 3);
    Value gammas = b.param(name + ".gammas", {6}, Elem::F32);
    auto g = [&](int64_t i) { return b.reshape(b.sliceAxis(gammas, 0, i, i + 1), {1, 1, 1, 1}); };
    auto one = b.splat(1.0, {1, 1, 1, 1}, Elem::F32);
    Value t = b.add(b.mul(channelNorm(x), b.add(one, g(0))), g(1));
    t = b.op1("kiln.pad", {t},
              {b.attr("low", std::vector<int64_t>{0, 0, 1, 1}),
               b.attr("high", std::vector<int64_t>{0, 0, 1, 1}),
               b.attr("mode", llvm::StringRef("replicate"))});
    x = b.add(x, b.mul(conv(name + ".depthwise.1", t, ch, 3, 1, 0, ch), g(2)));
    t = b.add(b.mul(channelNorm(x), b.add(one, g(3))), g(4));
    Value tokens = b.transpose(b.reshape(t, {batch, ch, h * w}), {0, 2, 1});
    tokens = linear(name + ".channelwise.2",
                    b.unary("kiln.gelu", linear(name + ".channelwise.0", tokens, 4 * ch)), ch);
    Value mlp = b.reshape(b.transpose(tokens, {0, 2, 1}), {batch, ch, h, w});
    return b.add(x, b.mul(mlp, g(5)));
  }

  Value encoder(Value x) {
    const int64_t s = c.upDownScaleFactor;
    if (s > 1)
      x = b.op1("kiln.pixel_unshuffle", {x}, {b.attr("factor", s)});
    x = conv("in_block.1", x, channels(0), 1);
    int64_t index = 0;
    for (int64_t i = 0; i < c.levels; ++i) {
      if (i > 0)
        x = conv("down_blocks." + std::to_string(index++), x, channels(i), 4, 2, 1);
      x = mixingBlock("down_blocks." + std::to_string(index++), x);
    }
    std::string last = "down_blocks." + std::to_string(index);
    const int64_t l = c.latentChannels;
    x = conv(last + ".0", x, l, 1, 1, 0, 1, /*hasBias=*/false);
    // BatchNorm2d in eval mode.
    b.redundantWeight(last + ".1.num_batches_tracked");
    auto stat = [&](const std::string &field) {
      return b.reshape(b.param(last + ".1." + field, {l}, Elem::F32), {1, l, 1, 1});
    };
    Value inv = b.unary("kiln.rsqrt",
                        b.add(stat("running_var"), b.splat(1e-5, {1, 1, 1, 1}, Elem::F32)));
    return b.add(b.mul(b.mul(b.sub(x, stat("running_mean")), inv), stat("weight")),
                 stat("bias"));
  }

  Value decoder(Value x) {
    x = conv("up_blocks.0.0", x, channels(c.levels - 1), 1);
    int64_t index = 1;
    for (int64_t i = 0; i < c.levels; ++i) {
      int64_t level = c.levels - 1 - i;
      for (int64_t j = 0; j < (i == 0 ? c.bottleneckBlocks : 1); ++j)
        x = mixingBlock("up_blocks." + std::to_string(index++), x);
      if (i < c.levels - 1)
        x = upsample("up_blocks." + std::to_string(index++), x, channels(level - 1));
    }
    const int64_t s = c.upDownScaleFactor;
    x = conv("out_block.0", x, c.outChannels * s * s, 1);
    if (s > 1)
      x = b.op1("kiln.pixel_shuffle", {x}, {b.attr("factor", s)});
    return x;
  }
};

} // namespace

void buildPaellaVQ(GraphBuilder &b, const PaellaVQConfig &c, int64_t batch, int64_t height,
                   int64_t width) {
  Paella vq{b, c};
  const int64_t f = c.factor(), l = c.latentChannels;
  // The pipeline decodes unquantized latents: the codebook is not read.
  b.redundantWeight("vquantizer.embedding.weight");
  b.beginFunction("decode");
  Value latents = b.input("latents", {batch, l, height / f, width / f}, Elem::F32);
  Value image = vq.decoder(b.mul(latents, b.splat(c.scaleFactor, {1, 1, 1, 1}, Elem::F32)));
  b.output("image", b.op1("kiln.clamp", {image}, {b.attr("min", 0.0), b.attr("max", 1.0)}));
  b.endFunction();

  b.beginFunction("encode");
  Value x = b.input("image", {batch, c.inChannels, height, width}, Elem::F32);
  b.output("latents",
           b.div(vq.encoder(x), b.splat(c.scaleFactor, {1, 1, 1, 1}, Elem::F32)));
  b.endFunction();
}

} // namespace kiln::frontend
