//===- Mamba.cpp - Mamba-1 language model graphs --------------------------===//
//
// Follows HF MambaMixer.slow_forward / mamba-ssm's selective_scan_ref, with
// the layouts kiln's ops want: the conv and the scan run channels-first
// ([B, E, L]); the projections read them through transposed matmuls, so no
// activation is copied just to change its layout. Δ = softplus(dt_proj(dt)
// + bias), −exp(A_log), the D skip and the SiLU(z) gate are plain ops the
// fusion pass folds into the scan kernel. `hidden_act` applies to the
// conv's output; the gate is SiLU whatever it says (HF's slow path and
// mamba-ssm's kernels both hard-code it). With residual_in_fp32 the
// residual stream is pinned to f32 (`kiln.cast {keep}`), as HF adds it.
//
//===----------------------------------------------------------------------===//

#include "kiln/Frontend/Models/Mamba.h"

#include "../../lib/Activation.h"
#include "../../lib/ConfigReader.h"


using mlir::Value;

namespace kiln::frontend {

rt::Expected<MambaConfig> readMambaConfig(const std::string &path) {
  rt::Expected<ConfigReader> reader = ConfigReader::open(path, "Mamba");
  if (!reader)
    return reader.error();
  ConfigReader &r = *reader;
  MambaConfig c;
  r.integer("hidden_size", c.hiddenSize);
  r.integer("state_size", c.stateSize);
  r.integer("num_hidden_layers", c.numLayers);
  r.integer("expand", c.expand);
  r.integer("conv_kernel", c.convKernel);
  r.integer("vocab_size", c.vocabSize);
  if (const nlohmann::json *rank = r.take("time_step_rank");
      rank && !(rank->is_string() && *rank == "auto")) {
    if (!rank->is_number_integer() || rank->get<int64_t>() < 1)
      r.fail("time_step_rank must be \"auto\" or an integer ≥ 1, got " + rank->dump());
    else
      c.timeStepRank = rank->get<int64_t>();
  }
  r.boolean("use_bias", c.useBias);
  r.boolean("use_conv_bias", c.useConvBias);
  r.boolean("residual_in_fp32", c.residualInFp32);
  r.boolean("tie_word_embeddings", c.tieWordEmbeddings);
  r.number("layer_norm_epsilon", c.layerNormEpsilon, 0, /*minExclusive=*/false);
  r.activation("hidden_act", c.hiddenAct);
  // Saved configs carry the derived inner size; it must agree.
  if (const nlohmann::json *inner = r.take("intermediate_size");
      inner && *inner != c.inner())
    r.fail("intermediate_size " + inner->dump() + " is not expand × hidden_size = " +
           std::to_string(c.inner()));
  // Initialization and implementation choices: the forward pass is the same.
  r.ignore({"use_associative_scan", "time_step_scale", "time_step_min", "time_step_max",
            "time_step_init_scheme", "time_step_floor",
            "rescale_prenorm_residual", "use_mambapy"});
  if (rt::Status s = r.finish(); !s)
    return s.error();
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
    int64_t batch = b.dim(residual, 0), len = b.dim(residual, 1);
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
    xc = activation(b, c.hiddenAct, xc); // u [B, E, L]: hidden_act

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
    y = b.mul(y, b.unary("kiln.silu", z)); // SiLU whatever hidden_act says
    Value out = b.matmul(y, weight("mixer.out_proj.weight", {d, e}),
                         /*transposeA=*/true, /*transposeB=*/true);
    if (c.useBias)
      out = b.add(out, weight("mixer.out_proj.bias", {d}));
    // HF's MambaBlock adds in f32 when residual_in_fp32 (pinned against
    // --precision); otherwise in the model's type.
    if (c.residualInFp32)
      return {b.add(b.cast(residual, Elem::F32, /*keep=*/true),
                    b.cast(out, Elem::F32, /*keep=*/true)),
              newConvState, scan[1]};
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
  Value head = embedding;
  if (!c.tieWordEmbeddings)
    head = b.param("lm_head.weight", {c.vocabSize, c.hiddenSize}, Elem::F32);
  b.output("logits", b.matmul(h, head, false, /*transposeB=*/true));
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
  // A tied checkpoint may also store the head it shares with the embedding.
  if (config.tieWordEmbeddings)
    b.redundantWeight("lm_head.weight");
  buildFunction(b, config, batch, seqLen, /*decode=*/false);
  buildFunction(b, config, batch, 1, /*decode=*/true);
}

} // namespace kiln::frontend
