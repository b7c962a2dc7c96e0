//===- MlpVae.cpp - the MLP variational autoencoder -----------------------===//

#include "kiln/Frontend/Models/MlpVae.h"

#include "../../lib/ConfigReader.h"


using mlir::Value;

namespace kiln::frontend {

rt::Expected<MlpVaeConfig> readMlpVaeConfig(const std::string &path) {
  rt::Expected<ConfigReader> reader = ConfigReader::open(path, "VAE");
  if (!reader)
    return reader.error();
  MlpVaeConfig c;
  reader->integer("input_size", c.inputSize);
  reader->integer("hidden_size", c.hiddenSize);
  reader->integer("latent_size", c.latentSize);
  if (rt::Status s = reader->finish(); !s)
    return s.error();
  return c;
}

namespace {

struct Vae {
  GraphBuilder &b;
  const MlpVaeConfig &c;

  Value fc(const std::string &name, Value x, int64_t in, int64_t out) {
    return b.linear(x, b.param(name + ".weight", {out, in}, Elem::F32),
                    b.param(name + ".bias", {out}, Elem::F32));
  }
  std::pair<Value, Value> encode(Value x) {
    Value h = b.unary("kiln.relu", fc("fc1", x, c.inputSize, c.hiddenSize));
    return {fc("fc21", h, c.hiddenSize, c.latentSize),
            fc("fc22", h, c.hiddenSize, c.latentSize)};
  }
  Value decode(Value z) {
    Value h = b.unary("kiln.relu", fc("fc3", z, c.latentSize, c.hiddenSize));
    return b.unary("kiln.sigmoid", fc("fc4", h, c.hiddenSize, c.inputSize));
  }
  /// Σ over every element, as a [1] tensor.
  Value total(Value v) {
    std::vector<int64_t> s = b.shape(v);
    std::vector<int64_t> axes;
    for (size_t i = 0; i < s.size(); ++i)
      axes.push_back(static_cast<int64_t>(i));
    return b.reshape(b.op1("kiln.reduce_sum", {v},
                           {b.attr("axes", axes), b.attr("keepdim", true)}),
                     {1});
  }
};

} // namespace

void buildMlpVae(GraphBuilder &b, const MlpVaeConfig &c, int64_t batch) {
  Vae vae{b, c};
  b.beginFunction("forward");
  Value x = b.input("x", {batch, c.inputSize}, Elem::F32);
  Value eps = b.input("eps", {batch, c.latentSize}, Elem::F32);
  auto [mu, logvar] = vae.encode(x);
  Value half = b.splat(0.5, {1, 1}, Elem::F32), one = b.splat(1.0, {1, 1}, Elem::F32);
  Value z = b.add(mu, b.mul(eps, b.unary("kiln.exp", b.mul(logvar, half))));
  Value recon = vae.decode(z);
  // PyTorch's binary_cross_entropy clamps each log at −100.
  auto clampedLog = [&](Value v) {
    return b.op1("kiln.clamp", {b.unary("kiln.log", v)}, {b.attr("min", -100.0)});
  };
  Value bce = b.unary("kiln.neg",
                      vae.total(b.add(b.mul(x, clampedLog(recon)),
                                      b.mul(b.sub(one, x), clampedLog(b.sub(one, recon))))));
  Value klTerms = b.sub(b.sub(b.add(one, logvar), b.mul(mu, mu)), b.unary("kiln.exp", logvar));
  Value kl = b.mul(b.splat(-0.5, {1}, Elem::F32), vae.total(klTerms));
  b.output("recon", recon);
  b.output("mu", mu);
  b.output("logvar", logvar);
  b.output("bce", bce);
  b.output("kl", kl);
  b.output("loss", b.add(bce, kl));
  b.endFunction();

  b.beginFunction("encode");
  auto [mu2, logvar2] = vae.encode(b.input("x", {batch, c.inputSize}, Elem::F32));
  b.output("mu", mu2);
  b.output("logvar", logvar2);
  b.endFunction();

  b.beginFunction("decode");
  b.output("images", vae.decode(b.input("z", {batch, c.latentSize}, Elem::F32)));
  b.endFunction();
}

} // namespace kiln::frontend
