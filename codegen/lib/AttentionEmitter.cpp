//===- AttentionEmitter.cpp - direct kernels: attention, caches, rope, … --===//
//
// Portable baselines for the attention family and the remaining data ops:
// one thread per query row for attention (online softmax over the allowed
// keys, f32 accumulation), one per (batch, head) for the FastGen profiling
// ops and cache compaction, one per element for rope, resize (taps computed
// at compile time by the same code as the reference interpreter), cache
// writes and (de)quantization. The flash-attention kernel replaces the row
// kernels later, checked against the same goldens.
//
//===----------------------------------------------------------------------===//

#include "EmitterSupport.h"

#include "kiln/Dialect/Kiln/OpSemantics.h"

#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::kiln;
using namespace mlir::kiln::emit;

namespace {

std::string ld(Value v, unsigned i, const std::string &idx) {
  return load(tensorOf(v).getElementType(), "in" + str(i) + "[" + idx + "]");
}

/// A constant array of the kernel: `static __device__ const T name[] = {…};`
template <typename T>
std::string table(const char *type, const std::string &name,
                  const std::vector<T> &values) {
  std::string s = std::string("static __device__ const ") + type + " " + name +
                  "[" + str(std::max<size_t>(values.size(), 1)) + "] = {";
  for (size_t i = 0; i < values.size(); ++i) {
    if constexpr (std::is_floating_point_v<T>)
      s += (i ? ", " : "") +
           (std::string(type) == "double" ? llvm::formatv("{0:e17}", values[i]).str()
                                          : flt(values[i]));
    else
      s += (i ? ", " : "") + str(values[i]);
  }
  if (values.empty())
    s += "0";
  return s + "};\n";
}

/// One query row of attention per 128-thread block (grid: the rows; `linear`
/// is the row): the four warps take every fourth allowed key among
/// 0 … count-1, the lanes split the head dimension (q in registers, k and v
/// rows read coalesced), a warp's dot product is folded with xor shuffles,
/// each warp keeps its own online softmax (max, sum, output slice), and the
/// warps' states are merged through shared memory before `result` stores
/// element c of the row from `value`. No score is ever stored.
void attendRows(Direct &k, int64_t rows, int64_t d, int64_t dv,
                const std::string &qRef, const std::string &kRef,
                const std::string &vRef, const std::string &count,
                const std::string &allowed, const std::string &bias,
                double scale, const std::string &rowPrelude,
                const std::function<std::string(const std::string &)> &result) {
  int64_t qd = (d + 31) / 32, od = (dv + 31) / 32;
  k.tiled = true;
  k.tiledBlock = 128;
  k.tiledGrid[0] = static_cast<uint32_t>(std::max<int64_t>(rows, 1));
  k.line("const int64_t linear = blockIdx.x; // the query row");
  k.line("if (linear >= n) return;");
  k.body += rowPrelude;
  k.line("const int lane = threadIdx.x % 32, warp = threadIdx.x / 32;");
  k.line("float qv[" + str(qd) + "], o[" + str(od) + "];");
  k.line("for (int e = 0; e < " + str(qd) + "; ++e) {");
  k.line("  const int64_t c = lane + 32 * e;");
  k.line("  qv[e] = c < " + str(d) + " ? " + qRef + " : 0.0f;");
  k.line("}");
  k.line("for (int e = 0; e < " + str(od) + "; ++e) o[e] = 0.0f;");
  k.line("float m = -INFINITY, s = 0.0f;");
  k.line("for (int64_t j = warp; j < " + count + "; j += 4) {");
  k.line("  if (!(" + allowed + ")) continue; // the same for the whole warp");
  k.line("  float dot = 0.0f;");
  k.line("  for (int e = 0; e < " + str(qd) + "; ++e) {");
  k.line("    const int64_t c = lane + 32 * e;");
  k.line("    if (c < " + str(d) + ") dot += qv[e] * " + kRef + ";");
  k.line("  }");
  k.line("  for (int offset = 16; offset > 0; offset /= 2)");
  k.line("    dot += __shfl_xor_sync(0xffffffffu, dot, offset);");
  k.line("  const float logit = " + flt(scale) + " * dot + (" + bias + ");");
  k.line("  if (logit == -INFINITY) continue;");
  k.line("  const float mNew = logit > m ? logit : m;");
  k.line("  const float rescale = expf(m - mNew), p = expf(logit - mNew);");
  k.line("  s = s * rescale + p;");
  k.line("  for (int e = 0; e < " + str(od) + "; ++e) {");
  k.line("    const int64_t c = lane + 32 * e;");
  k.line("    if (c < " + str(dv) + ") o[e] = o[e] * rescale + p * " + vRef + ";");
  k.line("  }");
  k.line("  m = mNew;");
  k.line("}");
  k.line("// Merge the four warps' softmax states.");
  k.line("__shared__ float warpMax[4], warpSum[4], warpOut[4][" + str(dv) + "];");
  k.line("if (lane == 0) warpMax[warp] = m, warpSum[warp] = s;");
  k.line("for (int e = 0; e < " + str(od) + "; ++e)");
  k.line("  if (lane + 32 * e < " + str(dv) + ") warpOut[warp][lane + 32 * e] = o[e];");
  k.line("__syncthreads();");
  k.line("float rowMax = -INFINITY, total = 0.0f;");
  k.line("for (int w = 0; w < 4; ++w)");
  k.line("  if (warpSum[w] > 0.0f && warpMax[w] > rowMax) rowMax = warpMax[w];");
  k.line("for (int w = 0; w < 4; ++w)");
  k.line("  if (warpSum[w] > 0.0f) total += warpSum[w] * expf(warpMax[w] - rowMax);");
  k.line("for (int64_t c = threadIdx.x; c < " + str(dv) + "; c += 128) {");
  k.line("  float acc = 0.0f;");
  k.line("  for (int w = 0; w < 4; ++w)");
  k.line("    if (warpSum[w] > 0.0f) acc += warpOut[w][c] * expf(warpMax[w] - rowMax);");
  k.line("  const float value = total > 0.0f ? acc / total : 0.0f;");
  k.line("  " + result("value"));
  k.line("}");
}

LogicalResult emitAttention(AttentionOp op, Direct &k) {
  RankedTensorType q = tensorOf(op.getQ()), kt = tensorOf(op.getK()),
                   v = tensorOf(op.getV()), r = op.getType();
  int64_t b = q.getDimSize(0), hq = q.getDimSize(1), lq = q.getDimSize(2),
          d = q.getDimSize(3), hk = kt.getDimSize(1), lk = kt.getDimSize(2),
          dv = v.getDimSize(3);
  k.threads = b * hq * lq;
  std::string prelude =
      "    const int64_t i = linear % " + str(lq) + ";\n"
      "    const int64_t h = (linear / " + str(lq) + ") % " + str(hq) + ";\n"
      "    const int64_t bb = linear / " + str(lq * hq) + ";\n"
      "    const int64_t kvh = h / " + str(hq / hk) + ";\n";
  // The mask is operand 3, kernel input in3.
  AttentionTerms terms = attentionTerms(op, "in3");
  std::string base = "((bb * " + str(hk) + " + kvh) * " + str(lk) + " + j)";
  attendRows(k, k.threads, d, dv, ld(op.getQ(), 0, "linear * " + str(d) + " + c"),
             ld(op.getK(), 1, base + " * " + str(d) + " + c"),
             ld(op.getV(), 2, base + " * " + str(dv) + " + c"), str(lk),
             terms.allowed, terms.bias, op.getScale().convertToDouble(), prelude,
             [&](const std::string &v) {
               return "out0[linear * " + str(dv) + " + c] = " +
                      store(r.getElementType(), v) + ";";
             });
  k.comment = "attention, a block per query row (warps split the keys, "
              "online softmax, merged through shared memory)";
  return success();
}

LogicalResult emitDecodeAttention(DecodeAttentionOp op, Direct &k) {
  RankedTensorType q = tensorOf(op.getQ()), kc = tensorOf(op.getKCache()),
                   vc = tensorOf(op.getVCache());
  int64_t b = q.getDimSize(0), hq = q.getDimSize(1), t = q.getDimSize(2),
          d = q.getDimSize(3), hk = kc.getDimSize(1), cap = kc.getDimSize(2),
          dv = vc.getDimSize(3);
  k.threads = b * hq * t;
  // Out-of-range lengths are clamped on devices (the reference rejects them).
  std::string prelude =
      "    const int64_t r = linear % " + str(t) + ";\n"
      "    const int64_t h = (linear / " + str(t) + ") % " + str(hq) + ";\n"
      "    const int64_t bb = linear / " + str(t * hq) + ";\n"
      "    const int64_t kvh = h / " + str(hq / hk) + ";\n"
      "    int64_t len = (int64_t)in3[bb * " + str(hk) + " + kvh];\n"
      "    len = len < " + str(t) + " ? " + str(t) + " : (len > " + str(cap) +
      " ? " + str(cap) + " : len);\n"
      "    const int64_t last = len - " + str(t) + " + r;\n";
  std::string base = "((bb * " + str(hk) + " + kvh) * " + str(cap) + " + j)";
  attendRows(k, k.threads, d, dv, ld(op.getQ(), 0, "linear * " + str(d) + " + c"),
             ld(op.getKCache(), 1, base + " * " + str(d) + " + c"),
             ld(op.getVCache(), 2, base + " * " + str(dv) + " + c"), "last + 1",
             "true", "0.0f", op.getScale().convertToDouble(), prelude,
             [&](const std::string &v) {
               return "out0[linear * " + str(dv) + " + c] = " +
                      store(op.getType().getElementType(), v) + ";";
             });
  k.comment = "decode attention over per-head cache lengths, a block per "
              "query row (warps split the keys, online softmax)";
  return success();
}

/// FastGen profiling: per (b, hq), the softmax row normalizers, then either
/// the kept mass per policy or the column sums.
LogicalResult emitProfiling(Operation *op, Direct &k, bool mass) {
  Value qv = op->getOperand(0), kv = op->getOperand(1);
  RankedTensorType q = tensorOf(qv), kt = tensorOf(kv);
  int64_t b = q.getDimSize(0), hq = q.getDimSize(1), l = q.getDimSize(2),
          d = q.getDimSize(3), hk = kt.getDimSize(1);
  bool causal = mass ? cast<AttentionMassOp>(op).getCausal()
                     : cast<AttentionColsumOp>(op).getCausal();
  double scale = mass ? cast<AttentionMassOp>(op).getScale().convertToDouble()
                      : cast<AttentionColsumOp>(op).getScale().convertToDouble();
  k.threads = b * hq;
  k.line("const int64_t h = linear % " + str(hq) + ";");
  k.line("const int64_t bb = linear / " + str(hq) + ";");
  k.line("const int64_t kvh = h / " + str(hq / hk) + ";");
  std::string dot = "float dot = 0.0f; for (int64_t c = 0; c < " + str(d) +
                    "; ++c) dot += " +
                    ld(qv, 0, "((bb * " + str(hq) + " + h) * " + str(l) +
                                  " + i) * " + str(d) + " + c") +
                    " * " +
                    ld(kv, 1, "((bb * " + str(hk) + " + kvh) * " + str(l) +
                                  " + j) * " + str(d) + " + c") +
                    "; const float logit = " + flt(scale) + " * dot;";
  std::string limit = causal ? "i + 1" : str(l);
  int64_t policies = mass ? tensorOf(op->getOperand(2)).getDimSize(0) : 0;
  if (mass) {
    k.line("float kept[" + str(policies) + "];");
    k.line("for (int64_t p = 0; p < " + str(policies) + "; ++p) kept[p] = 0.0f;");
  } else {
    k.line("for (int64_t j = 0; j < " + str(l) + "; ++j) out0[linear * " + str(l) +
           " + j] = 0.0f;");
  }
  k.line("for (int64_t i = 0; i < " + str(l) + "; ++i) {");
  k.line("  float m = -INFINITY, s = 0.0f;");
  k.line("  for (int64_t j = 0; j < " + limit + "; ++j) { " + dot +
         " const float mn = logit > m ? logit : m; s = s * expf(m - mn) + "
         "expf(logit - mn); m = mn; }");
  k.line("  for (int64_t j = 0; j < " + limit + "; ++j) {");
  k.line("    " + dot + " const float a = expf(logit - m) / s;");
  if (mass)
    k.line("    for (int64_t p = 0; p < " + str(policies) +
           "; ++p) if (in2[((p * " + str(b) + " + bb) * " + str(hk) + " + kvh) * " +
           str(l) + " + j]) kept[p] += a;");
  else
    k.line("    out0[linear * " + str(l) + " + j] += a;");
  k.line("  }");
  k.line("}");
  if (mass)
    k.line("for (int64_t p = 0; p < " + str(policies) + "; ++p) out0[(p * " +
           str(b * hq) + ") + linear] = kept[p] / " + str(l) + ".0f;");
  k.comment = mass ? "attention_mass (FastGen profiling)"
                   : "attention_colsum (heavy-hitter scores)";
  return success();
}

LogicalResult emitRope(RopeOp op, Direct &k) {
  RankedTensorType x = tensorOf(op.getX()), pos = tensorOf(op.getPositions());
  int64_t len = x.getDimSize(2), d = x.getDimSize(3);
  int64_t rotary = op.getRotaryDim() ? static_cast<int64_t>(op.getRotaryDim()) : d;
  int64_t half = rotary / 2;
  llvm::SmallVector<double> freq;
  double m;
  semantics::ropeFrequencies(op, rotary, freq, m);
  // Angles in double: positions reach 10^5 and more, where an f32 product
  // (what ops.md allows) loses digits the reference keeps.
  k.prelude += table("double", "kFreq", std::vector<double>(freq.begin(), freq.end()));
  k.body += unravel(x.getShape(), "linear");
  bool inter = op.getInterleaved();
  k.line("const float xv = " + ld(op.getX(), 0, "linear") + ";");
  k.line("float y = xv;");
  k.line("if (i3 < " + str(rotary) + ") {");
  std::string pair = inter ? "i3 / 2" : "(i3 < " + str(half) + " ? i3 : i3 - " + str(half) + ")";
  std::string first = inter ? "(i3 % 2 == 0)" : "(i3 < " + str(half) + ")";
  std::string partner = inter ? "(i3 ^ 1)" : "(i3 < " + str(half) + " ? i3 + " + str(half) +
                                                  " : i3 - " + str(half) + ")";
  k.line("  const int64_t pi = " + pair + ";");
  std::string p = pos.getRank() == 1 ? ld(op.getPositions(), 1, "i2")
                                     : ld(op.getPositions(), 1, "i0 * " + str(len) + " + i2");
  k.line("  const double angle = (double)" + p + " * kFreq[pi];");
  k.line("  const float c = (float)cos(angle) * " + flt(m) + ", s = (float)sin(angle) * " + flt(m) + ";");
  k.line("  const float other = " +
         ld(op.getX(), 0, "linear - i3 + " + partner) + ";");
  k.line("  y = " + first + " ? xv * c - other * s : xv * c + other * s;");
  k.line("}");
  k.line("out0[linear] = " + store(x.getElementType(), "y") + ";");
  k.comment = "rope (" + op.getScaling().str() + " scaling)";
  return success();
}

LogicalResult emitResize(ResizeOp op, Direct &k) {
  RankedTensorType x = tensorOf(op.getX()), r = op.getType();
  int64_t ih = x.getDimSize(2), iw = x.getDimSize(3), oh = r.getDimSize(2),
          ow = r.getDimSize(3);
  auto axis = [&](int64_t in, int64_t out, const std::string &name) {
    std::vector<int64_t> index, start;
    std::vector<double> weight;
    for (int64_t o = 0; o < out; ++o) {
      semantics::Taps t = semantics::resizeTaps(
          op.getMode(), op.getAlignCorners(), op.getAntialias(), in, out, o);
      start.push_back(static_cast<int64_t>(index.size()));
      index.insert(index.end(), t.index.begin(), t.index.end());
      weight.insert(weight.end(), t.weight.begin(), t.weight.end());
    }
    start.push_back(static_cast<int64_t>(index.size()));
    k.prelude += table("int", name + "Start", start) +
                 table("int", name + "Index", index) +
                 table("float", name + "Weight", weight);
  };
  axis(ih, oh, "kRow");
  axis(iw, ow, "kCol");
  k.body += unravel(r.getShape(), "linear");
  k.line("float acc = 0.0f;");
  k.line("for (int a = kRowStart[i2]; a < kRowStart[i2 + 1]; ++a)");
  k.line("  for (int c = kColStart[i3]; c < kColStart[i3 + 1]; ++c)");
  k.line("    acc += kRowWeight[a] * kColWeight[c] * " +
         ld(op.getX(), 0, "((i0 * " + str(x.getDimSize(1)) + " + i1) * " + str(ih) +
                              " + kRowIndex[a]) * " + str(iw) + " + kColIndex[c]") +
         ";");
  k.line("out0[linear] = " + store(r.getElementType(), "acc") + ";");
  k.comment = "resize (" + op.getMode().str() +
              (op.getAntialias() ? ", antialias" : "") +
              "), taps computed at compile time";
  return success();
}

/// Element i of a tensor blocked by `block` along `axis` → its scale index.
std::string scaleIndex(ArrayRef<int64_t> shape, int64_t axis, int64_t block) {
  std::string e = "0";
  for (int64_t d = 0; d < static_cast<int64_t>(shape.size()); ++d) {
    int64_t size = d == axis ? shape[d] / block : shape[d];
    std::string at = d == axis ? "(i" + str(d) + " / " + str(block) + ")" : "i" + str(d);
    e = "(" + e + ") * " + str(size) + " + " + at;
  }
  return e;
}

LogicalResult emitQuantize(QuantizeOp op, Direct &k) {
  RankedTensorType w = tensorOf(op.getW()), sc = tensorOf(op.getScales());
  int64_t axis = static_cast<int64_t>(op.getAxis());
  if (axis < 0)
    axis += w.getRank();
  int64_t block = static_cast<int64_t>(op.getBlockSize());
  int64_t bits = static_cast<int64_t>(op.getBits());
  int64_t qmax = int64_t(1) << (bits - 1);
  int64_t stride = 1;
  for (int64_t d = axis + 1; d < w.getRank(); ++d)
    stride *= w.getDimSize(d);
  double divisor = op.getScheme() == "deepspeed" ? double(qmax) : double(qmax - 1);
  // One thread per block: the block's elements are `stride` apart.
  k.threads = sc.getNumElements();
  k.body += unravel(sc.getShape(), "linear");
  std::string first = "0";
  for (int64_t d = 0; d < w.getRank(); ++d)
    first = "(" + first + ") * " + str(w.getDimSize(d)) + " + " +
            (d == axis ? "i" + str(d) + " * " + str(block) : "i" + str(d));
  k.line("const int64_t base = " + first + ";");
  k.line("float amax = 0.0f;");
  k.line("for (int64_t e = 0; e < " + str(block) + "; ++e) amax = fmaxf(amax, fabsf(" +
         ld(op.getW(), 0, "base + e * " + str(stride)) + "));");
  k.line("const float scale = amax == 0.0f ? 1.0f : amax / " + flt(divisor) + ";");
  k.line("out1[linear] = scale;");
  k.line("for (int64_t e = 0; e < " + str(block) + "; ++e) {");
  // The quotient in double, as the reference: an f32 quotient can round a
  // value just below a .5 tie onto it.
  k.line("  float r = (float)rint((double)" +
         ld(op.getW(), 0, "base + e * " + str(stride)) + " / (double)scale);");
  k.line("  r = r < " + flt(-double(qmax)) + " ? " + flt(-double(qmax)) + " : (r > " +
         flt(double(qmax - 1)) + " ? " + flt(double(qmax - 1)) + " : r);");
  k.line("  out0[base + e * " + str(stride) + "] = (int8_t)r;");
  k.line("}");
  k.comment = "block-wise quantization (int" + str(bits) + ", " +
              op.getScheme().str() + ")";
  return success();
}

} // namespace

LogicalResult mlir::kiln::emit::emitAttentionLike(Operation *op, Direct &k) {
  return llvm::TypeSwitch<Operation *, LogicalResult>(op)
      .Case([&](AttentionOp o) {
        return flashAttentionFits(o) ? emitFlashAttention(o, k)
                                     : emitAttention(o, k);
      })
      .Case([&](DecodeAttentionOp o) { return emitDecodeAttention(o, k); })
      .Case([&](AttentionMassOp o) { return emitProfiling(o, k, true); })
      .Case([&](AttentionColsumOp o) { return emitProfiling(o, k, false); })
      .Case([&](RopeOp o) { return emitRope(o, k); })
      .Case([&](ResizeOp o) { return emitResize(o, k); })
      .Case([&](QuantizeOp o) { return emitQuantize(o, k); })
      .Case([&](DequantizeOp o) {
        RankedTensorType q = tensorOf(o.getQ());
        int64_t axis = static_cast<int64_t>(o.getAxis());
        if (axis < 0)
          axis += q.getRank();
        k.body += unravel(q.getShape(), "linear");
        k.line("out0[linear] = " +
               store(o.getType().getElementType(),
                     "(float)in0[linear] * in1[" +
                         scaleIndex(q.getShape(), axis,
                                    static_cast<int64_t>(o.getBlockSize())) +
                         "]") +
               ";");
        k.comment = "block-wise dequantization";
        return success();
      })
      .Case([&](KvCacheWriteOp o) {
        RankedTensorType c = tensorOf(o.getCache()), u = tensorOf(o.getUpdate());
        int64_t heads = c.getDimSize(1), cap = c.getDimSize(2), d = c.getDimSize(3),
                rows = u.getDimSize(2);
        k.body += unravel(c.getShape(), "linear");
        k.line("const int64_t p = (int64_t)in2[i0 * " + str(heads) + " + i1];");
        // Rows outside [p, p + T) keep the cache; out-of-capacity writes drop.
        k.line("const bool mine = p >= 0 && p + " + str(rows) + " <= " + str(cap) +
               " && i2 >= p && i2 < p + " + str(rows) + ";");
        k.line("out0[linear] = mine ? in1[((i0 * " + str(heads) + " + i1) * " +
               str(rows) + " + (i2 - p)) * " + str(d) + " + i3] : in0[linear];");
        k.comment = "kv_cache_write (rows replaced, out of capacity dropped)";
        return success();
      })
      .Case([&](KvCacheCompactOp o) {
        RankedTensorType c = tensorOf(o.getCache());
        int64_t cap = c.getDimSize(2), d = c.getDimSize(3);
        k.threads = c.getDimSize(0) * c.getDimSize(1);
        k.line("int64_t kept = 0;");
        k.line("for (int64_t j = 0; j < " + str(cap) + "; ++j) {");
        k.line("  if (!in1[linear * " + str(cap) + " + j]) continue;");
        k.line("  for (int64_t c = 0; c < " + str(d) + "; ++c) out0[(linear * " +
               str(cap) + " + kept) * " + str(d) + " + c] = in0[(linear * " +
               str(cap) + " + j) * " + str(d) + " + c];");
        k.line("  ++kept;");
        k.line("}");
        k.line("for (int64_t j = kept; j < " + str(cap) + "; ++j)");
        k.line("  for (int64_t c = 0; c < " + str(d) + "; ++c) out0[(linear * " +
               str(cap) + " + j) * " + str(d) + " + c] = " +
               store(c.getElementType(), "0.0f") + ";");
        k.line("out1[linear] = (int32_t)kept;");
        k.comment = "kv_cache_compact, one thread per (batch, head)";
        return success();
      })
      .Default([&](Operation *o) {
        return o->emitOpError("has no direct code generator");
      });
}
