//===- Mamba.cpp - Mamba-1 language model graphs --------------------------===//
//
// Follows HF MambaMixer.slow_forward / mamba-ssm's selective_scan_ref, with
// the layouts kiln's ops want: the conv and the scan run channels-first
// ([B, E, L]); the projections read them through transposed matmuls, so no
// activation is copied just to change its layout. Δ = softplus(dt_proj(dt)
// + bias), −exp(A_log), the D skip and the SiLU(z) gate are plain ops the
// fusion pass folds into the scan kernel.
//
//===----------------------------------------------------------------------===//

#include "kiln/Frontend/Models/Mamba.h"

#include "../../lib/ConfigFile.h"


using mlir::Value;

namespace kiln::frontend {

rt::Expected<MambaConfig> readMambaConfig(const std::string &path) {
  rt::Expected<nlohmann::json> config = readConfigObject(path, "Mamba");
  if (!config)
    return config.error();
  const nlohmann::json &j = *config;
  MambaConfig c;
  std::string problem;
  auto integer = [&](const char *key, int64_t &out, int64_t min) {
    if (!j.contains(key))
      return;
    if (!j[key].is_number_integer() || j[key].get<int64_t>() < min) {
      problem = std::string(key) + " must be an integer ≥ " + std::to_string(min) +
                ", got " + j[key].dump();
      return;
    }
    out = j[key].get<int64_t>();
  };
  integer("hidden_size", c.hiddenSize, 1);
  integer("state_size", c.stateSize, 1);
  integer("num_hidden_layers", c.numLayers, 1);
  integer("expand", c.expand, 1);
  integer("conv_kernel", c.convKernel, 1);
  integer("vocab_size", c.vocabSize, 1);
  if (j.contains("time_step_rank") && !(j["time_step_rank"].is_string() &&
                                        j["time_step_rank"] == "auto"))
    integer("time_step_rank", c.timeStepRank, 1);
  for (auto [key, out] : {std::pair{"use_bias", &c.useBias},
                          {"use_conv_bias", &c.useConvBias}})
    if (j.contains(key)) {
      if (!j[key].is_boolean())
        problem = std::string(key) + " must be true or false, got " + j[key].dump();
      else
        *out = j[key].get<bool>();
    }
  if (j.contains("layer_norm_epsilon")) {
    if (!j["layer_norm_epsilon"].is_number())
      problem = "layer_norm_epsilon must be a number";
    else
      c.layerNormEpsilon = j["layer_norm_epsilon"].get<double>();
  }
  if (!problem.empty())
    return rt::Error("Mamba config '" + path + "': " + problem);
  return c;
}

namespace {

/// The graph of one mixer layer, shared by prefill (`convState` null: the
/// causal conv pads its own past) and decode (one step from the states).
struct Layer {
  GraphBuilder &b;
  const MambaConfig &c;
  std::string prefix;

  Value weight(const std::string &name, std::vector<int64_t> shape) {
    return b.param(prefix + name, shape, Elem::F32);
  }

  /// residual → (residual + mixer(norm(residual)), conv state, ssm state).
  std::tuple<Value, Value, Value> run(Value residual, Value convState,
                                      Value ssmState) {
    int64_t d = c.hiddenSize, e = c.inner(), n = c.stateSize,
            k = c.convKernel, r = c.dtRank();
    std::vector<int64_t> rs = b.shape(residual);
    int64_t batch = rs[0], len = rs[1];
    Value h = b.mul(b.op1("kiln.rms_norm", {residual},
                          {b.attr("eps", c.layerNormEpsilon)}),
                    weight("norm.weight", {d}));
    Value xz = b.linear(h, weight("mixer.in_proj.weight", {2 * e, d}),
                        c.useBias ? weight("mixer.in_proj.bias", {2 * e}) : Value());
    Value xzT = b.transpose(xz, {0, 2, 1}); // [B, 2E, L]
    Value x = b.sliceAxis(xzT, 1, 0, e), z = b.sliceAxis(xzT, 1, e, 2 * e);

    // The causal depthwise conv: prefill pads K - 1 zeros on the left; a
    // decode step convolves the K most recent inputs.
    Value convIn = x, newConvState;
    std::vector<int64_t> padding = {k - 1, 0};
    if (convState) {
      newConvState = b.op1("kiln.concat", {b.sliceAxis(convState, 2, 1, k), x},
                           {b.attr("axis", int64_t(2))});
      convIn = newConvState;
      padding = {0, 0};
    } else if (len >= k) {
      newConvState = b.sliceAxis(x, 2, len - k, len);
    } else {
      newConvState = b.op1("kiln.pad", {x},
                           {b.attr("low", std::vector<int64_t>{0, 0, k - len}),
                            b.attr("high", std::vector<int64_t>{0, 0, 0})});
    }
    Value xc = b.op1("kiln.conv1d", {convIn, weight("mixer.conv1d.weight", {e, 1, k})},
                     {b.attr("groups", e), b.attr("padding", padding)});
    if (c.useConvBias)
      xc = b.add(xc, b.reshape(weight("mixer.conv1d.bias", {e}), {1, e, 1}));
    xc = b.unary("kiln.silu", xc); // u [B, E, L]

    // x_proj reads u transposed: [B, L, R + 2N].
    Value xdbl = b.matmul(xc, weight("mixer.x_proj.weight", {r + 2 * n, e}),
                          /*transposeA=*/true, /*transposeB=*/true);
    Value dt = b.sliceAxis(xdbl, 2, 0, r);
    auto stateInput = [&](int64_t start) { // [B, L, N] → [B, 1, N, L]
      return b.reshape(b.transpose(b.sliceAxis(xdbl, 2, start, start + n), {0, 2, 1}),
                       {batch, 1, n, len});
    };
    Value bm = stateInput(r), cm = stateInput(r + n);
    Value delta = b.transpose(b.linear(dt, weight("mixer.dt_proj.weight", {e, r})),
                              {0, 2, 1});
    delta = b.unary("kiln.softplus",
                    b.add(delta, b.reshape(weight("mixer.dt_proj.bias", {e}), {1, e, 1})));
    Value a = b.unary("kiln.neg", b.unary("kiln.exp", weight("mixer.A_log", {e, n})));
    Value h0 = ssmState ? ssmState : b.splat(0.0, {batch, e, n}, Elem::F32);
    std::vector<Value> scan = b.op("kiln.selective_scan", {xc, delta, a, bm, cm, h0});
    if (scan.size() != 2)
      return {};
    Value y = b.add(scan[0], b.mul(xc, b.reshape(weight("mixer.D", {e}), {1, e, 1})));
    y = b.mul(y, b.unary("kiln.silu", z));
    Value out = b.matmul(y, weight("mixer.out_proj.weight", {d, e}),
                         /*transposeA=*/true, /*transposeB=*/true);
    if (c.useBias)
      out = b.add(out, weight("mixer.out_proj.bias", {d}));
    return {b.add(residual, out), newConvState, scan[1]};
  }
};

/// Embedding → layers → norm_f → tied head; states in and out per layer.
void buildFunction(GraphBuilder &b, const MambaConfig &c, int64_t batch,
                   int64_t len, bool decode) {
  b.beginFunction(decode ? "decode" : "prefill");
  Value ids = b.input("input_ids", {batch, len}, Elem::I64);
  std::vector<Value> convIn, ssmIn;
  if (decode)
    for (int64_t i = 0; i < c.numLayers; ++i) {
      convIn.push_back(b.input("conv_state." + std::to_string(i),
                               {batch, c.inner(), c.convKernel}, Elem::F32));
      ssmIn.push_back(b.input("ssm_state." + std::to_string(i),
                              {batch, c.inner(), c.stateSize}, Elem::F32));
    }
  Value embedding = b.param("backbone.embeddings.weight",
                            {c.vocabSize, c.hiddenSize}, Elem::F32);
  Value residual = b.op1("kiln.gather", {embedding, ids}, {b.attr("axis", int64_t(0))});
  std::vector<Value> convOut, ssmOut;
  for (int64_t i = 0; i < c.numLayers; ++i) {
    Layer layer{b, c, "backbone.layers." + std::to_string(i) + "."};
    auto [next, conv, ssm] = layer.run(residual, decode ? convIn[i] : Value(),
                                       decode ? ssmIn[i] : Value());
    residual = next;
    convOut.push_back(conv);
    ssmOut.push_back(ssm);
  }
  Value h = b.mul(b.op1("kiln.rms_norm", {residual}, {b.attr("eps", c.layerNormEpsilon)}),
                  b.param("backbone.norm_f.weight", {c.hiddenSize}, Elem::F32));
  b.output("logits", b.matmul(h, embedding, false, /*transposeB=*/true));
  for (int64_t i = 0; i < c.numLayers; ++i) {
    // Inputs: input_ids, then (conv_state.i, ssm_state.i) per layer.
    b.output("conv_state." + std::to_string(i), convOut[i],
             decode ? static_cast<int>(1 + 2 * i) : -1);
    b.output("ssm_state." + std::to_string(i), ssmOut[i],
             decode ? static_cast<int>(2 + 2 * i) : -1);
  }
  b.endFunction();
}

} // namespace

void buildMamba(GraphBuilder &b, const MambaConfig &config, int64_t batch,
                int64_t seqLen) {
  buildFunction(b, config, batch, seqLen, /*decode=*/false);
  buildFunction(b, config, batch, 1, /*decode=*/true);
}

} // namespace kiln::frontend
