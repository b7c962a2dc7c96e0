//===- FlashAttentionEmitter.cpp - attention on tensor cores --------------===//
//
// bf16 / f16 attention with head sizes that are multiples of 16 up to 128
// runs kiln_attention.cuh's flash kernel: a block per 64 query rows of one
// (batch, head), grid (⌈Lq / 64⌉, Hq, B). What is specific to the op (which
// keys a query may attend, the additive or boolean mask) becomes one
// `logit` function the main loop calls per score; the key range a block
// visits is narrowed for causal and windowed attention, so masked-out tiles
// cost nothing.
//
//===----------------------------------------------------------------------===//

#include "EmitterSupport.h"

using namespace mlir;
using namespace mlir::kiln;
using namespace mlir::kiln::emit;

bool mlir::kiln::emit::flashAttentionFits(AttentionOp op) {
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

LogicalResult mlir::kiln::emit::emitFlashAttention(AttentionOp op, Direct &k) {
  RankedTensorType q = tensorOf(op.getQ()), kt = tensorOf(op.getK()),
                   v = tensorOf(op.getV()), r = op.getType();
  int64_t b = q.getDimSize(0), hq = q.getDimSize(1), lq = q.getDimSize(2),
          d = q.getDimSize(3), hk = kt.getDimSize(1), lk = kt.getDimSize(2),
          dv = v.getDimSize(3);
  int64_t window = static_cast<int64_t>(op.getWindow());
  int64_t offset = lk - lq; // bottom-right alignment (ops.md)
  bool bf16 = q.getElementType().isBF16();
  auto plus = [](int64_t v) {
    return v < 0 ? " - " + str(-v) : " + " + str(v);
  };

  // Which keys row i of head h may attend, as in the row kernel; the mask
  // is read through the AttentionMask member below.
  AttentionTerms terms = attentionTerms(op, "mask");
  std::string maskMember, maskArg;
  if (Value mask = op.getMask()) {
    maskMember = "  const " + storageType(tensorOf(mask).getElementType()) +
                 " *mask;\n";
    maskArg = "&in3[0], ";
  }
  k.prelude += "#include \"kiln_attention.cuh\"\n\n"
               "// The logit of query i and key j from the scaled score, or\n"
               "// -INFINITY where the key is not allowed.\n"
               "struct AttentionMask {\n" +
               maskMember +
               "  int64_t bb, h;\n"
               "  KILN_DEVICE_INLINE float logit(int64_t i, int64_t j, float "
               "s) const {\n"
               "    if (!(" + terms.allowed + ")) return -INFINITY;\n"
               "    return " + flt(op.getScale().convertToDouble()) +
               " * s + (" + terms.bias + ");\n"
               "  }\n"
               "};\n\n";

  k.tiled = true;
  k.tiledBlock = 128;
  k.tiledGrid[0] = static_cast<uint32_t>((lq + 63) / 64);
  k.tiledGrid[1] = static_cast<uint32_t>(hq);
  k.tiledGrid[2] = static_cast<uint32_t>(b);
  k.threads = b * hq * lq;
  // A Q tile and two K and V tiles of 64 rows, pitch + 8 (kiln_attention.cuh).
  k.sharedBytes =
      static_cast<uint32_t>(2 * 64 * (3 * (d + 8) + 2 * (dv + 8)));
  k.line("const int64_t q0 = (int64_t)blockIdx.x * 64;");
  k.line("const int64_t h = blockIdx.y, bb = blockIdx.z;");
  k.line("const int64_t kvh = h / " + str(hq / hk) + ";");
  k.line("const AttentionMask mask{" + maskArg + "bb, h};");
  // Keys no row of the block may attend are never loaded.
  k.line("int64_t keyBegin = 0, keyEnd = " + str(lk) + ";");
  if (op.getCausal())
    k.line("keyEnd = q0" + plus(64 + offset) + " < keyEnd ? q0" +
           plus(64 + offset) + " : keyEnd;");
  if (window > 0)
    k.line("keyBegin = q0" + plus(offset - window + 1) + " > 0 ? q0" +
           plus(offset - window + 1) + " : 0;");
  k.line("float o[" + str(dv / 8) + "][4], sum[2];");
  std::string cast = "reinterpret_cast<const unsigned short *>(";
  k.line("kiln::flash_attention_rows<" + std::string(bf16 ? "true" : "false") +
         ", " + str(d) + ", " + str(dv) + ">(");
  k.line("    " + cast + "&in0[(bb * " + str(hq) + " + h) * " + str(lq * d) +
         "]),");
  k.line("    " + cast + "&in1[(bb * " + str(hk) + " + kvh) * " + str(lk * d) +
         "]),");
  k.line("    " + cast + "&in2[(bb * " + str(hk) + " + kvh) * " +
         str(lk * dv) + "]),");
  k.line("    " + str(lq) + ", " + str(lk) + ", q0, keyBegin, keyEnd, mask, o, "
         "sum);");
  k.line("for (int nj = 0; nj < " + str(dv / 8) + "; ++nj)");
  k.line("  for (int e = 0; e < 4; ++e) {");
  k.line("    const int64_t row = q0 + kiln::attention_acc_row(e);");
  k.line("    if (row >= " + str(lq) + ") continue;");
  k.line("    const float total = sum[e >> 1];");
  k.line("    out0[((bb * " + str(hq) + " + h) * " + str(lq) + " + row) * " +
         str(dv) + " + nj * 8 + kiln::attention_acc_col(e)] = " +
         store(r.getElementType(), "total > 0.0f ? o[nj][e] / total : 0.0f") +
         ";");
  k.line("  }");
  k.comment = "flash attention on tensor cores (" +
              std::string(bf16 ? "bf16" : "f16") +
              " mma.sync, 64 query rows per block, 64-key tiles, online "
              "softmax in f32)";
  return success();
}
