//===- AttentionEmitter.cpp - the attention kernel family -----------------===//
//
// kiln.attention, decode_attention, the FastGen profiling ops and rope:
//
// - flash attention (kiln_attention.cuh) for bf16 / f16 with head sizes
//   multiples of 16 up to 128: a block per 64 query rows of one (batch,
//   head), grid (⌈Lq / 64⌉, Hq, B). What is specific to the op (which keys
//   a query may attend, the additive or boolean mask) becomes one `logit`
//   function the main loop calls per score; the key range a block visits is
//   narrowed for causal and windowed attention, so masked-out tiles cost
//   nothing;
// - a 128-thread block per query row for the rest of attention and for
//   decode_attention over per-head cache lengths: the warps take every
//   fourth key, the lanes split the head dimension, each warp keeps an
//   online softmax and the warps' states merge through shared memory;
// - attention_mass / attention_colsum: one thread per (batch, head) with
//   online softmax normalizers (no score matrix is ever stored);
// - rope: one thread per element, frequencies computed at compile time by
//   the same code as the reference interpreter.
//
// Device header: kiln_attention.cuh. Test: test/codegen/attention.mlir.
//
//===----------------------------------------------------------------------===//

#include "EmitterSupport.h"

#include "kiln/Dialect/Kiln/OpSemantics.h"

#include "llvm/ADT/TypeSwitch.h"
#include "llvm/Support/FormatVariadic.h"

using namespace mlir;
using namespace mlir::kiln;
using namespace mlir::kiln::codegen;

namespace {

/// Element `idx` of operand `v` of the root, converted to its compute type.
std::string ld(KernelWriter &k, Value v, const std::string &idx) {
  return load(tensorOf(v).getElementType(),
              k.buffer(v) + "[" + idx + "]");
}

/// The terms of an attention score: `allowed`, a condition on query row i,
/// key j, head h and batch bb that is false for keys the row may not attend
/// (causal, window, S2 groups, a boolean mask), and `bias`, the additive
/// mask's value ("0.0f" without one), the mask read from `maskArray`.
struct AttentionTerms {
  std::string allowed = "true", bias = "0.0f";
  /// Whether either reads the query row i.
  bool readsRow = false;
};

AttentionTerms attentionTerms(AttentionOp op, const std::string &maskArray) {
  RankedTensorType q = tensorOf(op.getQ()), kt = tensorOf(op.getK());
  int64_t hq = q.getDimSize(1), lq = q.getDimSize(2), lk = kt.getDimSize(2);
  int64_t window = static_cast<int64_t>(op.getWindow());
  int64_t g = static_cast<int64_t>(op.getS2Group());
  int64_t offset = lk - lq; // bottom-right alignment
  AttentionTerms t;
  t.readsRow = op.getCausal() || window > 0 || g > 0;
  if (op.getCausal())
    t.allowed += " && j <= " + plusOffset("i", offset);
  if (window > 0)
    t.allowed += " && j > " + plusOffset("i", offset - window);
  if (g > 0)
    t.allowed += " && (h < " + str(hq / 2) + " ? i / " + str(g) + " == j / " +
                 str(g) + " : (i + " + str(g / 2) + ") / " + str(g) +
                 " == (j + " + str(g / 2) + ") / " + str(g) + ")";
  if (Value mask = op.getMask()) {
    RankedTensorType mt = tensorOf(mask);
    std::string idx = "0";
    const char *dims[4] = {"bb", "h", "i", "j"};
    for (int dd = 0; dd < 4; ++dd)
      idx = "(" + idx + ") * " + str(mt.getDimSize(dd)) + " + " +
            (mt.getDimSize(dd) == 1 ? "0" : dims[dd]);
    t.readsRow |= mt.getDimSize(2) != 1;
    std::string mv = load(mt.getElementType(), maskArray + "[" + idx + "]");
    if (mt.getElementType().isInteger(1))
      t.allowed += " && " + mv;
    else
      t.bias = mv;
  }
  return t;
}

//===----------------------------------------------------------------------===//
// Flash attention on tensor cores
//===----------------------------------------------------------------------===//

bool flashAttentionFits(AttentionOp op) {
  RankedTensorType q = tensorOf(op.getQ()), k = tensorOf(op.getK()),
                   v = tensorOf(op.getV());
  Type e = q.getElementType();
  int64_t d = q.getDimSize(3), dv = v.getDimSize(3);
  return (e.isBF16() || e.isF16()) && k.getElementType() == e &&
         v.getElementType() == e && op.getType().getElementType() == e &&
         d % 16 == 0 && dv % 16 == 0 && d >= 16 && dv >= 16 && d <= 128 &&
         dv <= 128 && q.getDimSize(0) <= 65535 && q.getDimSize(1) <= 65535 &&
         q.getDimSize(2) > 0 && k.getDimSize(2) > 0;
}

void emitFlashAttention(AttentionOp op, KernelWriter &k, LaunchShape &launch) {
  RankedTensorType q = tensorOf(op.getQ()), kt = tensorOf(op.getK()),
                   v = tensorOf(op.getV()), r = op.getType();
  int64_t b = q.getDimSize(0), hq = q.getDimSize(1), lq = q.getDimSize(2),
          d = q.getDimSize(3), hk = kt.getDimSize(1), lk = kt.getDimSize(2),
          dv = v.getDimSize(3);
  int64_t window = static_cast<int64_t>(op.getWindow());
  int64_t offset = lk - lq; // bottom-right alignment
  bool bf16 = q.getElementType().isBF16();

  // Which keys row i of head h may attend, as in the row kernel; the mask
  // is read through the AttentionMask member below.
  AttentionTerms terms = attentionTerms(op, "mask");
  CodeBuffer &p = k.prelude();
  p.line("// The logit of query i and key j from the scaled score, or");
  p.line("// -INFINITY where the key is not allowed.");
  p.open("struct AttentionMask");
  std::string maskArg;
  if (Value mask = op.getMask()) {
    p.line("const " + storageType(tensorOf(mask).getElementType()) + " *mask;");
    maskArg = "&" + k.buffer(mask) + "[0], ";
  }
  p.line("int64_t bb, h;");
  p.open("KILN_DEVICE_INLINE float logit(int64_t i, int64_t j, float s) const");
  p.line("if (!(" + terms.allowed + ")) return -INFINITY;");
  p.line("return " + floatLiteral(op.getScale().convertToDouble()) +
         " * s + (" + terms.bias + ");");
  p.close();
  p.close("};");

  launch.block = 128;
  launch.grid[0] = static_cast<uint32_t>((lq + 63) / 64);
  launch.grid[1] = static_cast<uint32_t>(hq);
  launch.grid[2] = static_cast<uint32_t>(b);
  // A Q tile and two K and V tiles of 64 rows, pitch + 8 (kiln_attention.cuh).
  launch.sharedBytes =
      static_cast<uint32_t>(2 * 64 * (3 * (d + 8) + 2 * (dv + 8)));
  k.line("const int64_t q0 = (int64_t)blockIdx.x * 64;");
  k.line("const int64_t h = blockIdx.y, bb = blockIdx.z;");
  k.line("const int64_t kvh = h / " + str(hq / hk) + ";");
  k.line("const AttentionMask mask{" + maskArg + "bb, h};");
  // Keys no row of the block may attend are never loaded.
  k.line("int64_t keyBegin = 0, keyEnd = " + str(lk) + ";");
  if (op.getCausal()) {
    std::string last = plusOffset("q0", 64 + offset);
    k.line("keyEnd = " + last + " < keyEnd ? " + last + " : keyEnd;");
  }
  if (window > 0) {
    std::string first = plusOffset("q0", offset - window + 1);
    k.line("keyBegin = " + first + " > 0 ? " + first + " : 0;");
  }
  k.line("float o[" + str(dv / 8) + "][4], sum[2];");
  std::string cast = "reinterpret_cast<const unsigned short *>(";
  k.line("kiln::flash_attention_rows<" + std::string(bf16 ? "true" : "false") +
         ", " + str(d) + ", " + str(dv) + ">(");
  k.line("    " + cast + "&" + k.buffer(op.getQ()) + "[(bb * " + str(hq) +
         " + h) * " + str(lq * d) + "]),");
  k.line("    " + cast + "&" + k.buffer(op.getK()) + "[(bb * " + str(hk) +
         " + kvh) * " + str(lk * d) + "]),");
  k.line("    " + cast + "&" + k.buffer(op.getV()) + "[(bb * " + str(hk) +
         " + kvh) * " + str(lk * dv) + "]),");
  k.line("    " + str(lq) + ", " + str(lk) +
         ", q0, keyBegin, keyEnd, mask, o, sum);");
  k.open("for (int nj = 0; nj < " + str(dv / 8) + "; ++nj)");
  k.open("for (int e = 0; e < 4; ++e)");
  k.line("const int64_t row = q0 + kiln::attention_acc_row(e);");
  k.line("if (row >= " + str(lq) + ") continue;");
  k.line("const float total = sum[e >> 1];");
  k.line("out0[((bb * " + str(hq) + " + h) * " + str(lq) + " + row) * " +
         str(dv) + " + nj * 8 + kiln::attention_acc_col(e)] = " +
         store(r.getElementType(), "total > 0.0f ? o[nj][e] / total : 0.0f") +
         ";");
  k.close();
  k.close();
  k.describe("flash attention on tensor cores (" +
                 std::string(bf16 ? "bf16" : "f16") +
                 " mma.sync, 64 query rows per block, 64-key tiles, online "
                 "softmax in f32)",
             "a block per 64 query rows of one head");
}

//===----------------------------------------------------------------------===//
// A block per query row
//===----------------------------------------------------------------------===//

/// What one row kernel attends: the query, key and value element of column
/// c (key row j), how many keys, which of them, their bias, and how the
/// row's element c of the result is stored.
struct RowAttention {
  int64_t rows, d, dv;
  std::string q, key, value, count, allowed = "true", bias = "0.0f";
  double scale;
  std::function<std::string(const std::string &)> result;
};

/// One query row per 128-thread block (grid: the rows; `linear` is the
/// row): the four warps take every fourth allowed key among 0 … count-1,
/// the lanes split the head dimension (q in registers, k and v rows read
/// coalesced), a warp's dot product is folded with xor shuffles, each warp
/// keeps its own online softmax (max, sum, output slice), and the warps'
/// states are merged through shared memory. No score is ever stored.
/// `rowPrelude` writes the lines that locate the row.
void attendRows(KernelWriter &k, LaunchShape &launch, const RowAttention &a,
                const std::function<void()> &rowPrelude) {
  int64_t qd = (a.d + 31) / 32, od = (a.dv + 31) / 32;
  std::string d = str(a.d), dv = str(a.dv);
  launch.block = 128;
  launch.grid[0] = static_cast<uint32_t>(std::max<int64_t>(a.rows, 1));
  k.line("const int64_t linear = blockIdx.x; // the query row");
  k.line("if (linear >= n) return;");
  rowPrelude();
  k.line("const int lane = threadIdx.x % 32, warp = threadIdx.x / 32;");
  k.line("float qv[" + str(qd) + "], o[" + str(od) + "];");
  k.open("for (int e = 0; e < " + str(qd) + "; ++e)");
  k.line("const int64_t c = lane + 32 * e;");
  k.line("qv[e] = c < " + d + " ? " + a.q + " : 0.0f;");
  k.close();
  k.line("for (int e = 0; e < " + str(od) + "; ++e) o[e] = 0.0f;");
  k.line("float m = -INFINITY, s = 0.0f;");
  k.open("for (int64_t j = warp; j < " + a.count + "; j += 4)");
  k.line("if (!(" + a.allowed + ")) continue; // the same for the whole warp");
  k.line("float dot = 0.0f;");
  k.open("for (int e = 0; e < " + str(qd) + "; ++e)");
  k.line("const int64_t c = lane + 32 * e;");
  k.line("if (c < " + d + ") dot += qv[e] * " + a.key + ";");
  k.close();
  k.line("for (int offset = 16; offset > 0; offset /= 2)");
  k.line("  dot += __shfl_xor_sync(0xffffffffu, dot, offset);");
  k.line("const float logit = " + floatLiteral(a.scale) + " * dot + (" +
         a.bias + ");");
  k.line("if (logit == -INFINITY) continue;");
  k.line("const float mNew = logit > m ? logit : m;");
  k.line("const float rescale = expf(m - mNew), p = expf(logit - mNew);");
  k.line("s = s * rescale + p;");
  k.open("for (int e = 0; e < " + str(od) + "; ++e)");
  k.line("const int64_t c = lane + 32 * e;");
  k.line("if (c < " + dv + ") o[e] = o[e] * rescale + p * " + a.value + ";");
  k.close();
  k.line("m = mNew;");
  k.close();
  k.line("// Merge the four warps' softmax states.");
  k.line("__shared__ float warpMax[4], warpSum[4], warpOut[4][" + dv + "];");
  k.line("if (lane == 0) warpMax[warp] = m, warpSum[warp] = s;");
  k.line("for (int e = 0; e < " + str(od) + "; ++e)");
  k.line("  if (lane + 32 * e < " + dv + ") warpOut[warp][lane + 32 * e] = o[e];");
  k.line("__syncthreads();");
  k.line("float rowMax = -INFINITY, total = 0.0f;");
  k.line("for (int w = 0; w < 4; ++w)");
  k.line("  if (warpSum[w] > 0.0f && warpMax[w] > rowMax) rowMax = warpMax[w];");
  k.line("for (int w = 0; w < 4; ++w)");
  k.line("  if (warpSum[w] > 0.0f) total += warpSum[w] * expf(warpMax[w] - rowMax);");
  k.open("for (int64_t c = threadIdx.x; c < " + dv + "; c += 128)");
  k.line("float acc = 0.0f;");
  k.line("for (int w = 0; w < 4; ++w)");
  k.line("  if (warpSum[w] > 0.0f) acc += warpOut[w][c] * expf(warpMax[w] - rowMax);");
  k.line("const float value = total > 0.0f ? acc / total : 0.0f;");
  k.line(a.result("value"));
  k.close();
}

void emitRowAttention(AttentionOp op, KernelWriter &k, LaunchShape &launch) {
  RankedTensorType q = tensorOf(op.getQ()), kt = tensorOf(op.getK()),
                   v = tensorOf(op.getV()), r = op.getType();
  int64_t hq = q.getDimSize(1), lq = q.getDimSize(2), hk = kt.getDimSize(1),
          lk = kt.getDimSize(2);
  RowAttention a;
  a.rows = q.getDimSize(0) * hq * lq;
  a.d = q.getDimSize(3);
  a.dv = v.getDimSize(3);
  std::string base = "((bb * " + str(hk) + " + kvh) * " + str(lk) + " + j)";
  a.q = ld(k, op.getQ(), "linear * " + str(a.d) + " + c");
  a.key = ld(k, op.getK(), base + " * " + str(a.d) + " + c");
  a.value = ld(k, op.getV(), base + " * " + str(a.dv) + " + c");
  a.count = str(lk);
  AttentionTerms terms =
      attentionTerms(op, op.getMask() ? k.buffer(op.getMask()) : "");
  a.allowed = terms.allowed;
  a.bias = terms.bias;
  a.scale = op.getScale().convertToDouble();
  a.result = [&](const std::string &value) {
    return "out0[linear * " + str(a.dv) + " + c] = " +
           store(r.getElementType(), value) + ";";
  };
  k.itemsParam(a.rows);
  attendRows(k, launch, a, [&] {
    if (terms.readsRow)
      k.line("const int64_t i = linear % " + str(lq) + ";");
    k.line("const int64_t h = (linear / " + str(lq) + ") % " + str(hq) + ";");
    k.line("const int64_t bb = linear / " + str(lq * hq) + ";");
    k.line("const int64_t kvh = h / " + str(hq / hk) + ";");
  });
  k.describe("attention, a block per query row (warps split the keys, "
             "online softmax, merged through shared memory)",
             "a block per query row");
}

void emitDecodeAttention(DecodeAttentionOp op, KernelWriter &k,
                         LaunchShape &launch) {
  RankedTensorType q = tensorOf(op.getQ()), kc = tensorOf(op.getKCache()),
                   vc = tensorOf(op.getVCache());
  int64_t hq = q.getDimSize(1), t = q.getDimSize(2), hk = kc.getDimSize(1),
          cap = kc.getDimSize(2);
  RowAttention a;
  a.rows = q.getDimSize(0) * hq * t;
  a.d = q.getDimSize(3);
  a.dv = vc.getDimSize(3);
  std::string base = "((bb * " + str(hk) + " + kvh) * " + str(cap) + " + j)";
  a.q = ld(k, op.getQ(), "linear * " + str(a.d) + " + c");
  a.key = ld(k, op.getKCache(), base + " * " + str(a.d) + " + c");
  a.value = ld(k, op.getVCache(), base + " * " + str(a.dv) + " + c");
  a.count = "last + 1";
  a.scale = op.getScale().convertToDouble();
  a.result = [&](const std::string &value) {
    return "out0[linear * " + str(a.dv) + " + c] = " +
           store(op.getType().getElementType(), value) + ";";
  };
  k.itemsParam(a.rows);
  attendRows(k, launch, a, [&] {
    k.line("const int64_t r = linear % " + str(t) + ";");
    k.line("const int64_t h = (linear / " + str(t) + ") % " + str(hq) + ";");
    k.line("const int64_t bb = linear / " + str(t * hq) + ";");
    k.line("const int64_t kvh = h / " + str(hq / hk) + ";");
    // Out-of-range lengths are clamped on devices (the reference rejects
    // them).
    k.line("int64_t len = (int64_t)" + k.buffer(op.getLens()) + "[bb * " +
           str(hk) + " + kvh];");
    k.line("len = len < " + str(t) + " ? " + str(t) + " : (len > " +
           str(cap) + " ? " + str(cap) + " : len);");
    k.line("const int64_t last = len - " + str(t) + " + r;");
  });
  k.describe("decode attention over per-head cache lengths, a block per "
             "query row (warps split the keys, online softmax)",
             "a block per query row");
}

//===----------------------------------------------------------------------===//
// FastGen profiling and rope
//===----------------------------------------------------------------------===//

/// Per (b, hq): the softmax row normalizers, then either the kept mass per
/// policy or the column sums.
void emitProfiling(Operation *op, KernelWriter &k, bool mass) {
  Value qv = op->getOperand(0), kv = op->getOperand(1);
  RankedTensorType q = tensorOf(qv), kt = tensorOf(kv);
  int64_t b = q.getDimSize(0), hq = q.getDimSize(1), l = q.getDimSize(2),
          d = q.getDimSize(3), hk = kt.getDimSize(1);
  bool causal = mass ? cast<AttentionMassOp>(op).getCausal()
                     : cast<AttentionColsumOp>(op).getCausal();
  double scale = mass ? cast<AttentionMassOp>(op).getScale().convertToDouble()
                      : cast<AttentionColsumOp>(op).getScale().convertToDouble();
  k.itemsParam(b * hq);
  k.openGridStrideLoop();
  k.line("const int64_t h = linear % " + str(hq) + ";");
  k.line("const int64_t bb = linear / " + str(hq) + ";");
  k.line("const int64_t kvh = h / " + str(hq / hk) + ";");
  std::string dot = "float dot = 0.0f; for (int64_t c = 0; c < " + str(d) +
                    "; ++c) dot += " +
                    ld(k, qv, "((bb * " + str(hq) + " + h) * " + str(l) +
                                  " + i) * " + str(d) + " + c") +
                    " * " +
                    ld(k, kv, "((bb * " + str(hk) + " + kvh) * " + str(l) +
                                  " + j) * " + str(d) + " + c") +
                    "; const float logit = " + floatLiteral(scale) + " * dot;";
  std::string limit = causal ? "i + 1" : str(l);
  int64_t policies = mass ? tensorOf(op->getOperand(2)).getDimSize(0) : 0;
  if (mass) {
    k.line("float kept[" + str(policies) + "];");
    k.line("for (int64_t p = 0; p < " + str(policies) + "; ++p) kept[p] = 0.0f;");
  } else {
    k.line("for (int64_t j = 0; j < " + str(l) + "; ++j) out0[linear * " +
           str(l) + " + j] = 0.0f;");
  }
  k.open("for (int64_t i = 0; i < " + str(l) + "; ++i)");
  k.line("float m = -INFINITY, s = 0.0f;");
  k.line("for (int64_t j = 0; j < " + limit + "; ++j) { " + dot +
         " const float mn = logit > m ? logit : m; s = s * expf(m - mn) + "
         "expf(logit - mn); m = mn; }");
  k.open("for (int64_t j = 0; j < " + limit + "; ++j)");
  k.line(dot + " const float a = expf(logit - m) / s;");
  if (mass)
    k.line("for (int64_t p = 0; p < " + str(policies) + "; ++p) if (" +
           k.buffer(op->getOperand(2)) + "[((p * " + str(b) + " + bb) * " +
           str(hk) + " + kvh) * " + str(l) + " + j]) kept[p] += a;");
  else
    k.line("out0[linear * " + str(l) + " + j] += a;");
  k.close();
  k.close();
  if (mass)
    k.line("for (int64_t p = 0; p < " + str(policies) + "; ++p) out0[(p * " +
           str(b * hq) + ") + linear] = kept[p] / " + str(l) + ".0f;");
  k.close();
  k.describe(mass ? "attention_mass (FastGen profiling)"
                  : "attention_colsum (heavy-hitter scores)",
             "one thread per (batch, head)");
}

void emitRope(RopeOp op, KernelWriter &k) {
  RankedTensorType x = tensorOf(op.getX()), pos = tensorOf(op.getPositions());
  int64_t len = x.getDimSize(2), d = x.getDimSize(3);
  int64_t rotary =
      op.getRotaryDim() ? static_cast<int64_t>(op.getRotaryDim()) : d;
  int64_t half = rotary / 2;
  SmallVector<double> freq;
  double m;
  semantics::ropeFrequencies(op, rotary, freq, m);
  // Angles in double: positions reach 10^5 and more, where an f32 product
  // (what the contract allows) loses digits the reference keeps. Counted in
  // half turns (frequency / π) for sincospi, whose range reduction is exact
  // and cheap: sin / cos of a double radian angle carry a Payne–Hanek
  // reduction for huge arguments, which needs a local-memory array.
  for (double &f : freq)
    f /= M_PI;
  k.prelude().line(deviceTable("double", "kHalfTurns", freq));
  k.itemsParam(x.getNumElements());
  k.openGridStrideLoop();
  std::vector<Var> idx = k.unravel(x.getShape(), Var::fixed("linear"));
  Var i0 = idx[0], i2 = idx[2], i3 = idx[3];
  bool inter = op.getInterleaved();
  k.line("const float xv = " + ld(k, op.getX(), "linear") + ";");
  k.line("float y = xv;");
  k.open("if (" + i3 + " < " + str(rotary) + ")");
  std::string h = str(half);
  std::string pair = inter ? i3 + " / 2"
                           : "(" + i3 + " < " + h + " ? " + i3 + " : " + i3 +
                                 " - " + h + ")";
  std::string first = inter ? "(" + i3 + " % 2 == 0)" : "(" + i3 + " < " + h + ")";
  std::string partner = inter ? "(" + i3 + " ^ 1)"
                              : "(" + i3 + " < " + h + " ? " + i3 + " + " + h +
                                    " : " + i3 + " - " + h + ")";
  k.line("const int64_t pi = " + pair + ";");
  std::string p =
      pos.getRank() == 1
          ? ld(k, op.getPositions(), i2.str())
          : ld(k, op.getPositions(), i0 + " * " + str(len) + " + " + i2);
  k.line("double sin_angle, cos_angle;");
  k.line("sincospi((double)" + p + " * kHalfTurns[pi], &sin_angle, &cos_angle);");
  k.line("const float c = (float)cos_angle * " + floatLiteral(m) +
         ", s = (float)sin_angle * " + floatLiteral(m) + ";");
  k.line("const float other = " +
         ld(k, op.getX(), "linear - " + i3 + " + " + partner) + ";");
  k.line("y = " + first + " ? xv * c - other * s : xv * c + other * s;");
  k.close();
  k.line("out0[linear] = " + store(x.getElementType(), "y") + ";");
  k.close();
  k.describe("rope (" + op.getScaling().str() + " scaling)",
             "one thread per element");
}

} // namespace

FailureOr<EmittedKernel>
mlir::kiln::codegen::emitAttentionKernel(FusionOp fusion, StringRef name) {
  Operation *root = fusion.getRootOp();
  KernelWriter k(name.str(), fusion);
  k.include("kiln_pointwise.cuh");
  k.fusionParams();
  LaunchShape launch;
  bool handled = true;
  llvm::TypeSwitch<Operation *>(root)
      .Case([&](AttentionOp op) {
        if (flashAttentionFits(op)) {
          k.include("kiln_attention.cuh");
          k.itemsParam(tensorOf(op.getQ()).getDimSize(0) *
                       tensorOf(op.getQ()).getDimSize(1) *
                       tensorOf(op.getQ()).getDimSize(2));
          emitFlashAttention(op, k, launch);
        } else {
          emitRowAttention(op, k, launch);
        }
      })
      .Case([&](DecodeAttentionOp op) { emitDecodeAttention(op, k, launch); })
      .Case([&](AttentionMassOp op) {
        emitProfiling(op, k, true);
        launch = LaunchShape::gridStride(
            tensorOf(op.getQ()).getDimSize(0) * tensorOf(op.getQ()).getDimSize(1));
      })
      .Case([&](AttentionColsumOp op) {
        emitProfiling(op, k, false);
        launch = LaunchShape::gridStride(
            tensorOf(op.getQ()).getDimSize(0) * tensorOf(op.getQ()).getDimSize(1));
      })
      .Case([&](RopeOp op) {
        emitRope(op, k);
        launch = LaunchShape::gridStride(tensorOf(op.getX()).getNumElements());
      })
      .Default([&](Operation *) { handled = false; });
  if (!handled)
    return root->emitOpError("has no attention-family code generator");
  EmittedKernel emitted = k.finish(launch);
  if (auto op = dyn_cast<AttentionOp>(root)) {
    // Q·Kᵀ and P·V for every (batch, head, query, key); causal attention
    // skips the key tiles above the diagonal, about half (other masks are
    // ignored).
    RankedTensorType q = tensorOf(op.getQ()), kt = tensorOf(op.getK()),
                     v = tensorOf(op.getV());
    int64_t rank = q.getRank();
    int64_t queries = q.getNumElements() / q.getDimSize(rank - 1);
    uint64_t dense = static_cast<uint64_t>(
        2 * queries * kt.getDimSize(rank - 2) *
        (q.getDimSize(rank - 1) + v.getDimSize(rank - 1)));
    emitted.flops = op.getCausal() ? dense / 2 : dense;
  }
  return emitted;
}
